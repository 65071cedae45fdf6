// What team-service's code knows of pickup games: the sides drawn for an occurrence, its result and
// the skill managers rate members with. The pickup repository maps rows onto these types.

export type PickupSide = 'A' | 'B';
export const PICKUP_SIDES: readonly PickupSide[] = ['A', 'B'];

/** The skill a member without a rating plays with. */
export const DEFAULT_PICKUP_SKILL = 5;

export interface SideMember {
  eventId: string;
  occurrenceStart: Date;
  userId: string;
  side: PickupSide;
  /** The skill the member had when the sides were drawn. */
  skill: number;
  createdBy: string;
  createdAt: Date;
}

export interface Scorer {
  userId: string;
  goals: number;
}

export interface PickupResult {
  eventId: string;
  occurrenceStart: Date;
  teamId: string;
  sideAScore: number;
  sideBScore: number;
  scorers: Scorer[];
  recordedBy: string;
  recordedAt: Date;
}

export interface PickupSkill {
  teamId: string;
  userId: string;
  skill: number;
  updatedBy: string;
  updatedAt: Date;
}
