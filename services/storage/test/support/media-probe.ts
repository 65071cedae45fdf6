import type { EventEnvelope } from '@prodvor/contracts';
import { eventually } from '@prodvor/testing';
import { connect } from 'amqplib';

export interface MediaProbe {
  received: EventEnvelope[];
  waitFor(predicate: (events: EventEnvelope[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Messages parked on a queue's DLQ, with their headers. */
  deadLetters(queue: string): Promise<{ envelope: EventEnvelope; headers: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

/** Listens on the `media` exchange of a vhost for results (processed, failed, import completed). */
export async function probeMediaResults(vhostUrl: string): Promise<MediaProbe> {
  const connection = await connect(vhostUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange('media', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const key of ['media.processed', 'media.failed', 'media.import.completed']) {
    await channel.bindQueue(queue, 'media', key);
  }
  const received: EventEnvelope[] = [];
  await channel.consume(
    queue,
    (message) => {
      if (message) received.push(JSON.parse(message.content.toString('utf8')) as EventEnvelope);
    },
    { noAck: true },
  );
  return {
    received,
    waitFor: (predicate, timeoutMs = 30_000) => eventually(async () => predicate(received), timeoutMs),
    async deadLetters(name) {
      const out: { envelope: EventEnvelope; headers: Record<string, unknown> }[] = [];
      for (;;) {
        const message = await channel.get(`${name}.dlq`, { noAck: false });
        if (!message) break;
        out.push({
          envelope: JSON.parse(message.content.toString('utf8')) as EventEnvelope,
          headers: message.properties.headers ?? {},
        });
      }
      // Leave them parked: nack with requeue puts them back after the look.
      channel.nackAll(true);
      return out;
    },
    async stop() {
      await connection.close();
    },
  };
}
