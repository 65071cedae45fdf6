import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  envelopeSchemaFor,
  Topics,
  type MatchEvent,
  type tournamentCancelledData,
  type tournamentCreatedData,
  type tournamentFixturesPublishedData,
  type tournamentMatchRescheduledData,
  type tournamentMatchResultConfirmedData,
  type tournamentMatchScheduledData,
  type tournamentStandingsChangedData,
  type tournamentTeamApprovedData,
  type tournamentTeamRegisteredData,
  type tournamentTeamRejectedData,
  type tournamentTeamWithdrawnData,
  type tournamentUpdatedData,
} from '@prodvor/contracts';
import { appendToOutbox, Clock } from '@prodvor/platform';
import type { z } from 'zod';
import type { Tx } from '../database/transaction-runner';

/** Every event tournament-service produces on `tournament.events.v1`, by type. */
export interface TournamentEventData {
  'tournament.created': z.infer<typeof tournamentCreatedData>;
  'tournament.updated': z.infer<typeof tournamentUpdatedData>;
  'tournament.cancelled': z.infer<typeof tournamentCancelledData>;
  'tournament.team.registered': z.infer<typeof tournamentTeamRegisteredData>;
  'tournament.team.approved': z.infer<typeof tournamentTeamApprovedData>;
  'tournament.team.rejected': z.infer<typeof tournamentTeamRejectedData>;
  'tournament.team.withdrawn': z.infer<typeof tournamentTeamWithdrawnData>;
  'tournament.fixtures.published': z.infer<typeof tournamentFixturesPublishedData>;
  'tournament.match.scheduled': z.infer<typeof tournamentMatchScheduledData>;
  'tournament.match.rescheduled': z.infer<typeof tournamentMatchRescheduledData>;
  'tournament.match.result_confirmed': z.infer<typeof tournamentMatchResultConfirmedData>;
  'tournament.standings.changed': z.infer<typeof tournamentStandingsChangedData>;
}
export type TournamentEventType = keyof TournamentEventData;

export const TOURNAMENT_SERVICE = 'tournament';

/**
 * The one way events leave tournament-service: outbox rows written in the caller's transaction,
 * published by the platform relay. Domain events go to `tournament.events.v1` keyed by tournament id;
 * live match events go to `match.events.v1` keyed by match id, so each match's events stay in order.
 */
@Injectable()
export class TournamentEventsPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<T extends TournamentEventType>(
    tx: Tx,
    type: T,
    data: TournamentEventData[T],
    correlationId: string,
  ): Promise<void> {
    const envelope = createEnvelope({
      type,
      producer: TOURNAMENT_SERVICE,
      subject: data.tournamentId,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor(type).parse(envelope);
    await appendToOutbox(tx, { topic: Topics.tournamentEvents, key: data.tournamentId, envelope });
  }

  /** `eventId` is the stored event's id, so a consumer can deduplicate by envelope id. */
  async publishMatchEvent(tx: Tx, eventId: string, data: MatchEvent, correlationId: string): Promise<void> {
    const envelope = createEnvelope({
      id: eventId,
      type: 'match.event.recorded',
      producer: TOURNAMENT_SERVICE,
      subject: data.matchId,
      correlationId,
      data,
      now: this.clock.now(),
    });
    envelopeSchemaFor('match.event.recorded').parse(envelope);
    await appendToOutbox(tx, {
      topic: Topics.matchEvents,
      key: data.matchId,
      envelope,
      headers: { sequence: String(data.sequence) },
    });
  }
}
