// What tournament-service's code knows of a team's registration and of an invite code; the
// registrations and invites repositories return these types, so no Prisma type leaves them.

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface Registration {
  id: string;
  tournamentId: string;
  teamId: string;
  status: RegistrationStatus;
  registeredBy: string;
  seed: number | null;
  groupName: string | null;
  checkedInAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** A new registration starts pending, without seed, group or check-in. */
export type NewRegistration = Pick<Registration, 'id' | 'tournamentId' | 'teamId' | 'registeredBy'>;

export type RegistrationChanges = Partial<Pick<Registration, 'status' | 'seed' | 'checkedInAt' | 'decidedAt'>>;

/** An organizer-issued code that lets a team register for a private tournament; only its hash is stored. */
export interface TournamentInvite {
  id: string;
  tournamentId: string;
  /** SHA-256 (hex) of the code handed to the organizer */
  codeHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export type NewTournamentInvite = Omit<TournamentInvite, 'createdAt'>;
