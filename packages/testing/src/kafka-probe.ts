import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { TestKafka } from './test-kafka';

export interface ReceivedEvent {
  key: string | null;
  envelope: { id: string; type: string; subject: string; data: Record<string, unknown> };
}

/**
 * Reads one of the file's topics (its platform name, e.g. `Topics.teamEvents`) from the beginning, so a
 * test can wait for what was published.
 */
export async function probeTopic(testKafka: TestKafka, topic: string) {
  const kafka = new Kafka({ clientId: 'test-probe', brokers: testKafka.brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({
    groupId: testKafka.group(`probe-${randomUUID()}`),
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  const received: ReceivedEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: testKafka.topic(topic), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push({
        key: message.key?.toString() ?? null,
        envelope: JSON.parse(message.value!.toString()) as ReceivedEvent['envelope'],
      });
    },
  });
  return {
    received,
    async waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`timed out; received ${JSON.stringify(received.map((e) => e.envelope.type))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () => consumer.disconnect(),
  };
}

/** Sends one JSON message to one of the file's topics (its platform name). */
export async function produce(testKafka: TestKafka, topic: string, key: string, value: unknown): Promise<void> {
  await testKafka.send(topic, [{ key, value: JSON.stringify(value) }]);
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
