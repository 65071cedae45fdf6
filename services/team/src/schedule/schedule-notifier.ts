import { Injectable } from '@nestjs/common';
import type { Actor } from '@prodvor/platform';
import type { Tx } from '../database/transaction-runner';
import { TeamNotificationsPublisher, type TeamNotification } from '../events/team-notifications.publisher';
import { TeamMembersRepository } from '../members/team-members.repository';
import type { Occurrence, TeamEvent } from './team-event.model';

/** The `team_event.*` notifications, queued in the transaction of the change that causes them. */
@Injectable()
export class ScheduleNotifier {
  constructor(
    private readonly notifications: TeamNotificationsPublisher,
    private readonly members: TeamMembersRepository,
  ) {}

  /** The whole event (`occurrence` null) or one occurrence was cancelled: every member but the canceller hears. */
  async cancelled(tx: Tx, event: TeamEvent, occurrence: Occurrence | null, actor: Actor): Promise<void> {
    const userIds = (await this.members.userIdsOf(tx, event.teamId)).filter((id) => id !== actor.userId);
    const when = occurrence ? ` on ${occurrence.startsAt.toISOString()}` : '';
    await this.queue(
      tx,
      userIds.map((userId) => ({
        userId,
        kind: 'team_event.cancelled',
        title: `${event.title} is cancelled`,
        body: occurrence ? `${event.title}${when} will not take place` : `${event.title} will not take place`,
        data: {
          teamId: event.teamId,
          eventId: event.id,
          eventTitle: event.title,
          ...(occurrence ? { occurrenceStart: occurrence.occurrenceStart.toISOString() } : {}),
        },
      })),
      actor.correlationId,
    );
  }

  async promoted(tx: Tx, event: TeamEvent, occurrence: Occurrence, userIds: string[], correlationId: string) {
    await this.queue(
      tx,
      userIds.map((userId) => ({
        userId,
        kind: 'team_event.promoted',
        title: `You are in: ${event.title}`,
        body: `A place freed up for ${event.title} on ${occurrence.startsAt.toISOString()}: you are going`,
        data: data(event, occurrence),
      })),
      correlationId,
    );
  }

  async reminder(tx: Tx, event: TeamEvent, occurrence: Occurrence, userIds: string[], correlationId: string) {
    await this.queue(
      tx,
      userIds.map((userId) => ({
        userId,
        kind: 'team_event.reminder',
        title: `Soon: ${event.title}`,
        body: `${event.title} starts at ${occurrence.startsAt.toISOString()}${event.venueName ? `, ${event.venueName}` : ''}`,
        data: data(event, occurrence),
      })),
      correlationId,
    );
  }

  private async queue(tx: Tx, notifications: TeamNotification[], correlationId: string): Promise<void> {
    if (notifications.length > 0) await this.notifications.queue(tx, notifications, correlationId);
  }
}

/** What user-service's ru/en templates read (`eventTitle`, `startsAt` in the recipient's time zone). */
function data(event: TeamEvent, occurrence: Occurrence): Record<string, string> {
  return {
    teamId: event.teamId,
    eventId: event.id,
    eventTitle: event.title,
    occurrenceStart: occurrence.occurrenceStart.toISOString(),
    startsAt: occurrence.startsAt.toISOString(),
  };
}
