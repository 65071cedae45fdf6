import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RabbitMqService } from '@prodvor/platform';
import type { Channel } from 'amqplib';
import { REMINDER_QUEUE, WAIT_STEPS_MS, waitQueueOf, waitStepFor, type ReminderJob } from './reminder.job';

/** The only code that puts reminder jobs on RabbitMQ: into the wait queue whose TTL fits the delay. */
@Injectable()
export class ReminderPublisher implements OnModuleInit {
  constructor(private readonly rabbit: RabbitMqService) {}

  async onModuleInit(): Promise<void> {
    // The work queue (with its .retry and .dlq) is declared by RabbitMqModule; the wait steps here.
    await this.rabbit.jobs.connection.managedChannel.addSetup(async (channel: Channel) => {
      for (const step of WAIT_STEPS_MS) {
        await channel.assertQueue(waitQueueOf(step), {
          durable: true,
          arguments: {
            'x-message-ttl': step,
            'x-dead-letter-exchange': '',
            'x-dead-letter-routing-key': REMINDER_QUEUE,
          },
        });
      }
    });
  }

  /** Waits at least one step; the consumer re-checks the due time on every arrival. */
  async wait(job: ReminderJob, now: Date): Promise<void> {
    const step = waitStepFor(Date.parse(job.dueAt) - now.getTime());
    await this.rabbit.jobs.connection.publish('', waitQueueOf(step), Buffer.from(JSON.stringify(job)), {
      persistent: true,
      contentType: 'application/json',
      correlationId: job.correlationId,
    });
  }
}
