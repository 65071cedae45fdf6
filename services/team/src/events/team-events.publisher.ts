import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Topics,
  type teamArchivedData,
  type teamCaptainTransferredData,
  type teamCreatedData,
  type teamMemberJoinedData,
  type teamMemberLeftData,
  type teamMemberRemovedData,
  type teamMemberRoleChangedData,
  type teamUpdatedData,
} from '@prodvor/contracts';
import { appendToOutbox, Clock } from '@prodvor/platform';
import type { z } from 'zod';
import type { Tx } from '../database/transaction-runner';

/** Every event team-service produces, by type, with its contract payload. */
export interface TeamEventData {
  'team.created': z.infer<typeof teamCreatedData>;
  'team.updated': z.infer<typeof teamUpdatedData>;
  'team.archived': z.infer<typeof teamArchivedData>;
  'team.member.joined': z.infer<typeof teamMemberJoinedData>;
  'team.member.left': z.infer<typeof teamMemberLeftData>;
  'team.member.removed': z.infer<typeof teamMemberRemovedData>;
  'team.member.role_changed': z.infer<typeof teamMemberRoleChangedData>;
  'team.captain.transferred': z.infer<typeof teamCaptainTransferredData>;
}
export type TeamEventType = keyof TeamEventData;

export const TEAM_SERVICE = 'team';

/**
 * The one way events leave team-service: an outbox row written in the caller's transaction (so the
 * event exists if and only if the change commits), published to `team.events.v1` keyed by team id
 * by the platform's relay. Payloads are checked against the contract before they are stored.
 */
@Injectable()
export class TeamEventsPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<T extends TeamEventType>(
    tx: Tx,
    type: T,
    data: TeamEventData[T],
    correlationId: string,
  ): Promise<void> {
    const envelope = createEnvelope({
      type,
      producer: TEAM_SERVICE,
      subject: data.teamId,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await appendToOutbox(tx, { topic: Topics.teamEvents, key: data.teamId, envelope });
  }
}
