// What team-service's code knows of a team and its roster. TeamsRepository and TeamMembersRepository
// map database rows onto these types, so no Prisma type leaves a repository.

export interface Team {
  id: string;
  name: string;
  shortName: string | null;
  city: string | null;
  /** 5x5 | 7x7 | 11x11 (validated by the API and the event contract) */
  format: string;
  colors: string[];
  logoMediaId: string | null;
  description: string | null;
  recruiting: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface TeamMember {
  teamId: string;
  userId: string;
  role: TeamRole;
  shirtNumber: number | null;
  position: string | null;
  joinedAt: Date;
}

export type TeamRole = 'captain' | 'vice_captain' | 'player';
