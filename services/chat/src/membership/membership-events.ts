import { envelopeSchemaFor, typesOnTopic, Topics } from '@prodvor/contracts';
import { z } from 'zod';

/** The team and tournament event types the membership read model applies. */
export const MEMBERSHIP_EVENT_TYPES = [
  'team.created',
  'team.updated',
  'team.archived',
  'team.member.joined',
  'team.member.left',
  'team.member.removed',
  'team.member.role_changed',
  'team.captain.transferred',
  'tournament.created',
  'tournament.updated',
  'tournament.cancelled',
  'tournament.team.approved',
  'tournament.team.rejected',
  'tournament.team.withdrawn',
  'tournament.match.scheduled',
  'tournament.match.rescheduled',
] as const;
export type MembershipEventType = (typeof MEMBERSHIP_EVENT_TYPES)[number];

const applied = new Set<string>(MEMBERSHIP_EVENT_TYPES);
const known = new Set<string>([...typesOnTopic(Topics.teamEvents), ...typesOnTopic(Topics.tournamentEvents)]);

/**
 * A known event must match its contract (else it is dead-lettered at once); unknown types, added
 * later by their producers, pass and are skipped.
 */
export const membershipEventSchema = z
  .object({ id: z.string().uuid(), type: z.string() })
  .passthrough()
  .superRefine((value, context) => {
    if (!known.has(value.type)) return;
    const parsed = envelopeSchemaFor(value.type).safeParse(value);
    if (!parsed.success)
      for (const issue of parsed.error.issues) context.addIssue({ ...issue, code: z.ZodIssueCode.custom });
  });

export function isApplied(type: string): type is MembershipEventType {
  return applied.has(type);
}
