import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumedEvents, consumerGroup, teamRosterEventTypes, Topics, type ConsumedEvent } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { TeamViewsRepository } from './team-views.repository';

const CONSUMER = consumerGroup('tournament', 'team-view');

const teamEvents = consumedEvents(teamRosterEventTypes);
type TeamEvent = ConsumedEvent<typeof teamEvents>;

/** Keeps the local team read model (names, captains, rosters) from `team.events.v1`, once per event. */
@Injectable()
export class TeamEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly teams: TeamViewsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.kafka.createInboxConsumer({
      groupId: CONSUMER,
      topics: [Topics.teamEvents],
      events: teamEvents,
      transactions: this.transactions,
      apply: (tx, event) => this.apply(tx, event),
    });
  }

  private async apply(tx: Tx, event: TeamEvent): Promise<void> {
    switch (event.type) {
      case 'team.created':
        return this.teams.upsertTeam(tx, event.data.teamId, event.data.name, event.data.captainId);
      case 'team.updated':
        if (event.data.changes.name) await this.teams.rename(tx, event.data.teamId, event.data.changes.name);
        if (event.data.changes.logoMediaId !== undefined)
          await this.teams.setLogo(tx, event.data.teamId, event.data.changes.logoMediaId);
        return;
      case 'team.archived':
        return this.teams.archive(tx, event.data.teamId);
      case 'team.member.joined':
      case 'team.member.role_changed':
        return this.teams.setRole(tx, event.data.teamId, event.data.userId, event.data.role);
      case 'team.member.left':
      case 'team.member.removed':
        return this.teams.removeMember(tx, event.data.teamId, event.data.userId);
      case 'team.captain.transferred':
        await this.teams.setRole(tx, event.data.teamId, event.data.fromUserId, 'player');
        return this.teams.setRole(tx, event.data.teamId, event.data.toUserId, 'captain');
    }
  }
}
