import { z } from 'zod';
import { isoUtcTimestamp } from '../envelope';
import { id } from './common';

const base = {
  matchId: id,
  tournamentId: id,
  /** Per match, starting at 1, without gaps: a consumer that sees a jump knows it missed events. */
  sequence: z.number().int().min(1),
  minute: z.number().int().min(0).max(200),
  period: z.number().int().min(1).max(5),
  recordedBy: id,
  recordedAt: isoUtcTimestamp,
};

const kickOff = z.object({ ...base, kind: z.literal('kick_off') }).strict();
const periodStart = z.object({ ...base, kind: z.literal('period_start') }).strict();
const periodEnd = z.object({ ...base, kind: z.literal('period_end') }).strict();
const goal = z
  .object({
    ...base,
    kind: z.literal('goal'),
    teamId: id,
    scorerId: id,
    assistId: id.optional(),
    ownGoal: z.boolean(),
    penalty: z.boolean(),
  })
  .strict();
const card = (kind: 'yellow_card' | 'second_yellow' | 'red_card') =>
  z.object({ ...base, kind: z.literal(kind), teamId: id, playerId: id }).strict();
const substitution = z
  .object({ ...base, kind: z.literal('substitution'), teamId: id, playerOutId: id, playerInId: id })
  .strict();
const shootOutGoals = z.number().int().min(0).max(99);
/** A knockout match level after play ends with a penalty shoot-out, recorded with the final whistle. */
const finalWhistle = z
  .object({
    ...base,
    kind: z.literal('final_whistle'),
    homePenalties: shootOutGoals.optional(),
    awayPenalties: shootOutGoals.optional(),
  })
  .strict();

/** Corrections never edit an event in place: they void (and optionally replace) an earlier sequence. */
const correction = z
  .object({
    ...base,
    kind: z.literal('correction'),
    correctsSequence: z.number().int().min(1),
    reason: z.string().min(1).max(500),
  })
  .strict();

export const matchEventData = z.discriminatedUnion('kind', [
  kickOff,
  periodStart,
  periodEnd,
  goal,
  card('yellow_card'),
  card('second_yellow'),
  card('red_card'),
  substitution,
  finalWhistle,
  correction,
]);

export type MatchEvent = z.infer<typeof matchEventData>;
export type MatchEventKind = MatchEvent['kind'];
