import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './engines/engines-home';
import { startKafkaBroker, type KafkaBroker, type KafkaBrokerOptions } from './engines/kafka-broker';
import { testRunId } from './run';

/** The run's broker, as the global setup started it. */
export const RUN_KAFKA_ENV = 'PRODVOR_TEST_KAFKA_BROKERS';

/**
 * One test file's share of the run's Kafka broker: every platform topic (and its `.dlq`), provisioned
 * under a prefix of its own by the same script compose's init uses, so files run in parallel
 * without seeing each other's messages or consumer groups. Services get `env` (KAFKA_PREFIX).
 */
export interface TestKafka {
  brokers: string[];
  prefix: string;
  /** The broker's name of a platform topic (`Topics.teamEvents` → `<prefix>team.events.v1`). */
  topic(name: string): string;
  group(id: string): string;
  env: { KAFKA_BROKERS: string; KAFKA_PREFIX: string };
  /** Sends raw messages to one of the file's topics (its platform name), as another service would. */
  send(topic: string, messages: Message[]): Promise<void>;
  /** Extra topics a test needs beyond the platform's own (names without the prefix). */
  createTopics(names: string[], partitions?: number): Promise<void>;
  /** Deletes this file's topics and consumer groups. */
  stop(): Promise<void>;
}

export function runKafkaBrokers(): string[] {
  const brokers = process.env[RUN_KAFKA_ENV];
  if (!brokers)
    throw new Error(`${RUN_KAFKA_ENV} is not set: run tests through vitest (the global setup starts Kafka)`);
  return brokers.split(',');
}

/** Partitions per topic in tests: enough to exercise ordering per key and several members. */
const TEST_MAX_PARTITIONS = 3;

const provisionScript = join(repoRoot, 'infra/kafka/provision-topics.mjs');

/** The provisioning script's wait for partition leaders (a fresh KRaft topic is briefly unknown). */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const script = (await import(pathToFileURL(provisionScript).href)) as {
    waitForLeaders(admin: Admin, topics: string[]): Promise<void>;
  };
  await script.waitForLeaders(admin, topics);
}

function provision(brokers: string[], prefix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [provisionScript], {
      env: {
        ...process.env,
        KAFKA_BOOTSTRAP: brokers.join(','),
        KAFKA_PREFIX: prefix,
        KAFKA_MAX_PARTITIONS: String(TEST_MAX_PARTITIONS),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `exit ${code}`))));
  });
}

export async function startTestKafka(options: { brokers?: string[] } = {}): Promise<TestKafka> {
  const brokers = options.brokers ?? runKafkaBrokers();
  const prefix = `${testRunId()}.${randomBytes(4).toString('hex')}.`;
  await provision(brokers, prefix);
  const kafka = new Kafka({ clientId: 'prodvor-test-kafka', brokers, logLevel: logLevel.NOTHING });
  let producer: Promise<Producer> | undefined;
  const connectedProducer = (): Promise<Producer> =>
    (producer ??= (async () => {
      const created = kafka.producer({
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await created.connect();
      return created;
    })());
  return {
    brokers,
    prefix,
    topic: (name) => `${prefix}${name}`,
    group: (id) => `${prefix}${id}`,
    env: { KAFKA_BROKERS: brokers.join(','), KAFKA_PREFIX: prefix },
    async send(topic, messages) {
      await (await connectedProducer()).send({ topic: `${prefix}${topic}`, messages, acks: -1 });
    },
    async createTopics(names, partitions = TEST_MAX_PARTITIONS) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const topics = names.map((name) => `${prefix}${name}`);
        await admin.createTopics({
          waitForLeaders: false,
          topics: topics.map((topic) => ({ topic, numPartitions: partitions })),
        });
        await waitForLeaders(admin, topics);
      } finally {
        await admin.disconnect();
      }
    },
    async stop() {
      if (producer) await (await producer).disconnect();
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { groups } = await admin.listGroups();
        const mine = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
        if (mine.length > 0) await admin.deleteGroups(mine).catch(() => undefined);
        const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
        if (topics.length > 0) await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    },
  };
}

export interface PrivateTestKafka extends TestKafka {
  broker: KafkaBroker;
}

/**
 * A broker of its own (not the run's) with the platform's topics: for tests that stop or restart the
 * broker, and for benchmarks (which pass full-speed JVM options). `stop()` stops the broker too.
 */
export async function startPrivateKafka(options: KafkaBrokerOptions = {}): Promise<PrivateTestKafka> {
  const broker = await startKafkaBroker(options);
  const testKafka = await startTestKafka({ brokers: broker.brokers });
  return {
    ...testKafka,
    broker,
    stop: async () => {
      await testKafka.stop().catch(() => undefined);
      await broker.stop();
    },
  };
}
