import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface ReceivedEvent {
  key: string | null;
  envelope: { id: string; type: string; subject: string; data: Record<string, unknown> };
}

/** Reads a topic of the mock broker from the beginning, so a test can wait for what was published. */
export async function probeTopic(brokers: string[], topic: string) {
  const kafka = new Kafka({ clientId: 'test-probe', brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `probe-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const received: ReceivedEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
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

export async function produce(brokers: string[], topic: string, key: string, value: unknown): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key, value: JSON.stringify(value) }] });
  } finally {
    await producer.disconnect();
  }
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
