import { isOriginalStart, occurrenceAt } from '@prodvor/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock, RabbitMqService } from '@prodvor/platform';
import { TransactionRunner } from '../../database/transaction-runner';
import { overrideOf } from '../recurrence';
import { RsvpsRepository } from '../rsvps.repository';
import { ScheduleNotifier } from '../schedule-notifier';
import { TeamEventsRepository } from '../team-events.repository';
import { REMINDER_QUEUE, reminderJobSchema, type ReminderJob } from './reminder.job';
import { ReminderPublisher } from './reminder.publisher';
import { ReminderScheduler } from './reminder.scheduler';

/**
 * Turns a due reminder job into `team_event.reminder` notifications for the members going or maybe
 * going. It checks the current state first (the event may have moved, been cancelled or changed its
 * reminder since the job was queued), sends at most once per occurrence (the reminders_sent row is
 * written in the transaction that queues the notifications), then schedules the next occurrence.
 * A failure is retried a bounded number of times through `<queue>.retry`, then parked on `<queue>.dlq`.
 */
@Injectable()
export class ReminderConsumer implements OnModuleInit {
  constructor(
    private readonly rabbit: RabbitMqService,
    private readonly events: TeamEventsRepository,
    private readonly rsvps: RsvpsRepository,
    private readonly notifier: ScheduleNotifier,
    private readonly transactions: TransactionRunner,
    private readonly publisher: ReminderPublisher,
    private readonly scheduler: ReminderScheduler,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rabbit.jobs.subscribe({
      queue: REMINDER_QUEUE,
      schema: reminderJobSchema,
      maxAttempts: 5,
      handle: (job) => this.handle(job),
    });
  }

  async handle(envelope: ReminderJob): Promise<void> {
    const now = this.clock.now();
    const job = envelope.data;
    if (Date.parse(job.dueAt) > now.getTime()) return this.publisher.wait(envelope, now);
    const occurrenceStart = new Date(job.occurrenceStart);
    await this.transactions.run(async (tx) => {
      const event = await this.events.lock(tx, job.teamId, job.eventId);
      // Stale: deleted, cancelled, or changed since (a newer job of the newer version is on its way).
      if (!event || event.cancelledAt || event.version !== job.version || event.reminderMinutes === null) return;
      if (!isOriginalStart(event, occurrenceStart)) return;
      const occurrence = occurrenceAt(event, occurrenceStart, overrideOf(event, occurrenceStart));
      if (!occurrence.cancelled && occurrence.startsAt > now) {
        // Already sent (a redelivery, or a duplicate job): nothing again, and the next is already queued.
        if (!(await this.events.markReminderSent(tx, job.eventId, occurrenceStart, now))) return;
        const userIds = await this.rsvps.interested(tx, job.eventId, occurrenceStart);
        await this.notifier.reminder(tx, event, occurrence, userIds, envelope.correlationId);
      }
      await this.scheduler.scheduleNext(tx, event, occurrence.startsAt, now, envelope.correlationId);
    });
  }
}
