import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  consumedTypesSchema,
  consumerGroup,
  eventEnvelopeSchema,
  tournamentCancelledData,
  tournamentCreatedData,
  tournamentMatchRescheduledData,
  tournamentMatchResultConfirmedData,
  tournamentMatchResultDisputedData,
  tournamentMatchResultReopenedData,
  tournamentMatchResultReportedData,
  tournamentMatchScheduledData,
  tournamentTeamWithdrawnData,
  tournamentUpdatedData,
  Topics,
} from '@prodvor/contracts';
import { claimInbox, KafkaService } from '@prodvor/platform';
import { z } from 'zod';
import { TransactionRunner, type Tx } from '../../database/transaction-runner';
import { HomeMatchesRepository } from '../repositories/home-matches.repository';

const CONSUMER = consumerGroup('user', 'home-tournaments');

const tournamentEvent = z.discriminatedUnion('type', [
  eventEnvelopeSchema('tournament.created', tournamentCreatedData),
  eventEnvelopeSchema('tournament.updated', tournamentUpdatedData),
  eventEnvelopeSchema('tournament.cancelled', tournamentCancelledData),
  eventEnvelopeSchema('tournament.match.scheduled', tournamentMatchScheduledData),
  eventEnvelopeSchema('tournament.match.rescheduled', tournamentMatchRescheduledData),
  eventEnvelopeSchema('tournament.match.result_reported', tournamentMatchResultReportedData),
  eventEnvelopeSchema('tournament.match.result_disputed', tournamentMatchResultDisputedData),
  eventEnvelopeSchema('tournament.match.result_confirmed', tournamentMatchResultConfirmedData),
  eventEnvelopeSchema('tournament.match.result_reopened', tournamentMatchResultReopenedData),
  eventEnvelopeSchema('tournament.team.withdrawn', tournamentTeamWithdrawnData),
]);
type TournamentEvent = z.infer<typeof tournamentEvent>;
/** Known types must match their contract (else dead-lettered); other types pass and are skipped. */
const tournamentEventsSchema = consumedTypesSchema(...tournamentEvent.options);

/** Keeps the home view's tournaments and matches (time, pitch, result status), once per event. */
@Injectable()
export class HomeTournamentEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly matches: HomeMatchesRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createConsumer({
      groupId: CONSUMER,
      topics: [Topics.tournamentEvents],
      schema: tournamentEventsSchema,
      handle: async ({ value }) => {
        const parsed = tournamentEvent.safeParse(value);
        if (!parsed.success) return;
        await this.transactions.run(async (tx) => {
          if (await claimInbox(tx, CONSUMER, parsed.data.id)) await this.apply(tx, parsed.data);
        });
      },
    });
  }

  private async apply(tx: Tx, event: TournamentEvent): Promise<void> {
    const at = new Date(event.occurredAt);
    switch (event.type) {
      case 'tournament.created':
      case 'tournament.updated':
        return this.matches.tournament(tx, event.data.tournamentId, event.data.name, at);
      case 'tournament.cancelled':
        return this.matches.cancelTournament(tx, event.data.tournamentId, at);
      case 'tournament.match.scheduled':
      case 'tournament.match.rescheduled': {
        const { startsAt, ...rest } = event.data;
        return this.matches.schedule(tx, { ...rest, startsAt: startsAt ? new Date(startsAt) : undefined }, at);
      }
      case 'tournament.match.result_reported':
        return this.matches.reported(tx, { ...event.data, confirmBy: new Date(event.data.confirmBy) }, at);
      case 'tournament.match.result_disputed':
        return this.matches.setStatus(tx, event.data, 'disputed', at);
      case 'tournament.match.result_confirmed':
        return this.matches.setStatus(tx, event.data, 'final', at);
      case 'tournament.match.result_reopened':
        return this.matches.setStatus(tx, event.data, 'scheduled', at);
      case 'tournament.team.withdrawn':
        return this.matches.withdrawTeam(tx, event.data.tournamentId, event.data.teamId, at);
    }
  }
}
