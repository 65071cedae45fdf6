import { Injectable, type OnModuleInit } from '@nestjs/common';
import { consumedEvents, consumerGroup, teamRosterEventTypes, Topics, type ConsumedEvent } from '@prodvor/contracts';
import { KafkaService } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../../database/transaction-runner';
import { HomeRequestsRepository } from '../repositories/home-requests.repository';
import { HomeScheduleRepository } from '../repositories/home-schedule.repository';
import { HomeTeamsRepository } from '../repositories/home-teams.repository';
import { teamEventState } from '../team-event-series';

const CONSUMER = consumerGroup('user', 'home-teams');

const teamEvents = consumedEvents([
  ...teamRosterEventTypes,
  'team.event.created',
  'team.event.updated',
  'team.event.cancelled',
  'team.event.rsvp_changed',
  'team.invitation.created',
  'team.invitation.resolved',
  'team.join_request.created',
  'team.join_request.decided',
]);
type TeamEvent = ConsumedEvent<typeof teamEvents>;

/** Keeps the home view's teams, rosters, schedules, answers, invitations and join requests, once per event. */
@Injectable()
export class HomeTeamEventsConsumer implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly transactions: TransactionRunner,
    private readonly teams: HomeTeamsRepository,
    private readonly schedule: HomeScheduleRepository,
    private readonly requests: HomeRequestsRepository,
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
    const at = new Date(event.occurredAt);
    switch (event.type) {
      case 'team.created': {
        const { teamId, name, shortName, captainId } = event.data;
        await this.teams.create(tx, { teamId, name, shortName: shortName ?? null }, at);
        return this.teams.setRole(tx, teamId, captainId, 'captain');
      }
      case 'team.updated': {
        const { name, shortName, logoMediaId } = event.data.changes;
        if (name === undefined && shortName === undefined && logoMediaId === undefined) return;
        return this.teams.change(tx, event.data.teamId, { name, shortName, logoMediaId }, at);
      }
      case 'team.archived':
        return this.teams.archive(tx, event.data.teamId, at);
      case 'team.member.joined':
      case 'team.member.role_changed':
        return this.teams.setRole(tx, event.data.teamId, event.data.userId, event.data.role);
      case 'team.member.left':
      case 'team.member.removed':
        return this.teams.removeMember(tx, event.data.teamId, event.data.userId);
      case 'team.captain.transferred':
        await this.teams.setRole(tx, event.data.teamId, event.data.fromUserId, 'player');
        return this.teams.setRole(tx, event.data.teamId, event.data.toUserId, 'captain');
      case 'team.event.created':
      case 'team.event.updated':
      case 'team.event.cancelled':
        // Without the snapshot the event's state is unknown here: skipped (team-service always sends it).
        if (!event.data.snapshot) return;
        return this.schedule.applySnapshot(
          tx,
          teamEventState(event.data.teamId, event.data.eventId, event.data.snapshot),
        );
      case 'team.event.rsvp_changed': {
        const { eventId, occurrenceStart, userId, response, waitlisted } = event.data;
        const answer = { eventId, occurrenceStart: new Date(occurrenceStart), userId, response, waitlisted };
        return this.schedule.answer(tx, answer, at);
      }
      case 'team.invitation.created': {
        const { invitationId, teamId, userId, expiresAt } = event.data;
        return this.requests.invitationCreated(tx, { invitationId, teamId, userId, expiresAt: new Date(expiresAt) });
      }
      case 'team.invitation.resolved': {
        const { invitationId, teamId, userId, status } = event.data;
        return this.requests.invitationResolved(tx, { invitationId, teamId, userId, status });
      }
      case 'team.join_request.created': {
        const { requestId, teamId, userId, createdAt } = event.data;
        return this.requests.joinRequestCreated(tx, { requestId, teamId, userId, createdAt: new Date(createdAt) });
      }
      case 'team.join_request.decided': {
        const { requestId, teamId, userId, status } = event.data;
        return this.requests.joinRequestDecided(tx, { requestId, teamId, userId, status });
      }
    }
  }
}
