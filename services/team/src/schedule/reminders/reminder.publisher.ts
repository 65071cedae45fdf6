import { Injectable, type OnModuleInit } from '@nestjs/common';
import { appendJobsToOutbox, RabbitMqService } from '@prodvor/platform';
import type { Channel } from 'amqplib';
import type { Tx } from '../../database/transaction-runner';
import {
  REMINDER_EXCHANGE,
  REMINDER_QUEUE,
  WAIT_STEPS_MS,
  waitQueueOf,
  waitRoutingKeyOf,
  waitStepFor,
  type ReminderJob,
} from './reminder.job';

/** The only code that puts reminder jobs on RabbitMQ: into the wait queue whose TTL fits the delay. */
@Injectable()
export class ReminderPublisher implements OnModuleInit {
  constructor(private readonly rabbit: RabbitMqService) {}

  async onModuleInit(): Promise<void> {
    // The work queue (with its .retry and .dlq) is declared by RabbitMqModule; the wait steps here,
    // again after every reconnect.
    await this.rabbit.jobs.connection.managedChannel.addSetup(async (channel: Channel) => {
      await channel.assertExchange(REMINDER_EXCHANGE, 'topic', { durable: true });
      for (const step of WAIT_STEPS_MS) {
        await channel.assertQueue(waitQueueOf(step), {
          durable: true,
          arguments: {
            'x-message-ttl': step,
            'x-dead-letter-exchange': '',
            'x-dead-letter-routing-key': REMINDER_QUEUE,
          },
        });
        await channel.bindQueue(waitQueueOf(step), REMINDER_EXCHANGE, waitRoutingKeyOf(step));
      }
    });
  }

  /** Queued in the caller's transaction (the job outbox): it goes out if and only if the change commits. */
  async schedule(tx: Tx, job: ReminderJob, now: Date): Promise<void> {
    const step = waitStepFor(Date.parse(job.data.dueAt) - now.getTime());
    await appendJobsToOutbox(tx, { exchange: REMINDER_EXCHANGE, routingKey: waitRoutingKeyOf(step), envelope: job });
  }

  /** A job that arrived before it was due waits again (at least one step). */
  async wait(job: ReminderJob, now: Date): Promise<void> {
    const step = waitStepFor(Date.parse(job.data.dueAt) - now.getTime());
    await this.rabbit.jobs.publish(REMINDER_EXCHANGE, waitRoutingKeyOf(step), job);
  }
}
