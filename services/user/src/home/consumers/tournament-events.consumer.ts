import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumedEvents, consumerGroup, Topics, type ConsumedEvent } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../../database/transaction-runner';
import { HomeMatchesRepository } from '../repositories/home-matches.repository';

const CONSUMER = consumerGroup('user', 'home-tournaments');

const tournamentEvents = consumedEvents([
  'tournament.created',
  'tournament.updated',
  'tournament.cancelled',
  'tournament.match.scheduled',
  'tournament.match.rescheduled',
  'tournament.match.result_reported',
  'tournament.match.result_disputed',
  'tournament.match.result_confirmed',
  'tournament.match.result_reopened',
  'tournament.team.withdrawn',
]);
type TournamentEvent = ConsumedEvent<typeof tournamentEvents>;

/** Keeps the home view's tournaments and matches (time, pitch, result status), once per event. */
@Injectable()
export class HomeTournamentEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly matches: HomeMatchesRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createInboxConsumer({
      groupId: CONSUMER,
      topics: [Topics.tournamentEvents],
      events: tournamentEvents,
      transactions: this.transactions,
      apply: (tx, event) => this.apply(tx, event),
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
