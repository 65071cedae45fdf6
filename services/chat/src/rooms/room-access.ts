import type { RoomKind } from './room.model';

/**
 * What a user may do in a room: `read` (spectators of a public tournament's match, members of an
 * archived team), `write` (members), `moderate` (captains, organizers, group owners, realm moderators).
 */
export type RoomAccess = 'none' | 'read' | 'write' | 'moderate';

const RANK: Record<RoomAccess, number> = { none: 0, read: 1, write: 2, moderate: 3 };

export function atLeast(access: RoomAccess, needed: RoomAccess): boolean {
  return RANK[access] >= RANK[needed];
}

export function strongest(...levels: RoomAccess[]): RoomAccess {
  return levels.reduce((best, level) => (RANK[level] > RANK[best] ? level : best), 'none');
}

export interface RoomRef {
  id: string;
  kind: RoomKind;
  title: string | null;
  tournamentId: string | null;
  homeTeamId: string | null;
  awayTeamId: string | null;
  archivedAt: Date | null;
}

/** Private rooms (direct, group) are never opened to realm moderators. */
export function isPrivateKind(kind: RoomKind): boolean {
  return kind === 'direct' || kind === 'group';
}
