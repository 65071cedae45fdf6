// What chat-service's code knows of a room (RoomsRepository maps rows onto these types, so no Prisma type
// leaves a repository).

export interface Room {
  id: string;
  kind: RoomKind;
  title: string | null;
  /** Match rooms: the tournament and the two teams (read model of tournament.match.scheduled). */
  tournamentId: string | null;
  homeTeamId: string | null;
  awayTeamId: string | null;
  /** Direct rooms: "<smaller user id>:<larger user id>", so a pair has one room. */
  directKey: string | null;
  createdBy: string | null;
  createdAt: Date;
  archivedAt: Date | null;
}

export type RoomKind = 'team' | 'tournament' | 'match' | 'direct' | 'group';
