// What user-service's code knows of a profile and its processed avatar. ProfilesRepository and
// MediaResultsRepository map database rows onto these types, so no Prisma type leaves a repository.

export interface Profile {
  id: string;
  username: string;
  /** Private: shown only to the owner. */
  email: string | null;
  /** Whether `email` was proven by a link sent to it (only then does Keycloak hold it). */
  emailVerified: boolean;
  displayName: string;
  city: string | null;
  /** Private: shown only to the owner. */
  birthYear: number | null;
  preferredPositions: string[];
  dominantFoot: string | null;
  skillLevel: number | null;
  bio: string | null;
  locale: string;
  /** IANA time zone notification times are shown in; null: UTC. */
  timeZone: string | null;
  avatarMediaId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MediaResult {
  mediaId: string;
  ownerId: string;
  status: string;
  variants: unknown;
  receivedAt: Date;
}
