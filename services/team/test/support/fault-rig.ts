import { consumerGroup, createEnvelope, Exchanges, RoutingKeys, Topics } from '@prodvor/contracts';
import { migrationsFor } from '@prodvor/platform';
import {
  startPrivateKafka,
  startPrivatePostgres,
  startPrivateRabbitMq,
  startPrivateRedis,
  startServiceProcess,
  testIdentityEnv,
  type LoadSample,
  type PrivateServer,
  type PrivateTestKafka,
  type ServiceProcess,
} from '@prodvor/testing';
import { connect } from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { newUser, type TestUser } from './team-app';

/** The durable queue the rig binds to `notifications` to count the jobs team-service delivered. */
const PROBE_QUEUE = 'fault-probe.notifications';

/**
 * team-service as a real process over servers of its own (PostgreSQL, Redis, RabbitMQ, Kafka), each of
 * which the test may stop and start: nothing shared with other test files is ever interrupted.
 */
export interface TeamFaultRig {
  pg: PrivateServer;
  redis: PrivateServer;
  rabbit: PrivateServer;
  kafka: PrivateTestKafka;
  service: ServiceProcess;
  /** Starts the service process again on the same servers (after a SIGTERM). */
  restartService(): Promise<ServiceProcess>;
  query<T extends Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Publishes a `user.deleted` event as user-service would; its event id. */
  publishUserDeleted(): Promise<string>;
  /** The committed offsets of team's user-deleted consumer group, summed over partitions. */
  committedUserEvents(): Promise<number>;
  /** The `subject`s (recipients) of the notification jobs delivered to the probe queue so far. */
  notifiedUsers(): Promise<Set<string>>;
  stop(): Promise<void>;
}

export async function startTeamFaultRig(): Promise<TeamFaultRig> {
  const [pg, redis, rabbit, kafka] = await Promise.all([
    startPrivatePostgres(),
    startPrivateRedis(),
    startPrivateRabbitMq(),
    startPrivateKafka(),
  ]);
  await migrationsFor(join(__dirname, '../../prisma/migrations'))(pg.url);
  const amqp = await connect(rabbit.url);
  const setup = await amqp.createChannel();
  await setup.assertExchange(Exchanges.notifications, 'topic', { durable: true });
  await setup.assertQueue(PROBE_QUEUE, { durable: true });
  await setup.bindQueue(PROBE_QUEUE, Exchanges.notifications, RoutingKeys.notificationDeliver);
  await amqp.close();

  const env = {
    SERVICE_NAME: 'team',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEAM_TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'team-faults',
    ...kafka.env,
    RABBITMQ_URL: rabbit.url,
    // `newUser()`'s tokens: the JWKS is served by this test process, which the service process fetches.
    ...(await testIdentityEnv()),
  };
  const main = join(__dirname, '../../dist/main.js');
  const rig: TeamFaultRig = {
    pg,
    redis,
    rabbit,
    kafka,
    service: await startServiceProcess(main, env),
    restartService: async () => (rig.service = await startServiceProcess(main, env)),
    async query<T extends Record<string, unknown>>(sql: string, values: unknown[] = []) {
      const client = new Client({ connectionString: pg.url });
      // Polled while the test stops PostgreSQL: a dropped connection also rejects the pending call, and
      // without a listener its `error` event would end the test worker.
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query<T>(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    async publishUserDeleted() {
      const userId = randomUUID();
      const envelope = createEnvelope({
        type: 'user.deleted',
        producer: 'user-service',
        subject: userId,
        correlationId: randomUUID(),
        data: { userId },
      });
      await kafka.send(Topics.userEvents, [{ key: userId, value: JSON.stringify(envelope) }]);
      return envelope.id;
    },
    async committedUserEvents() {
      const admin = new Kafka({ clientId: 'fault-rig', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const [topic] = await admin.fetchOffsets({
          groupId: kafka.group(consumerGroup('team', 'user-deleted')),
          topics: [kafka.topic(Topics.userEvents)],
        });
        return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      } finally {
        await admin.disconnect();
      }
    },
    async notifiedUsers() {
      const connection = await connect(rabbit.url);
      try {
        const channel = await connection.createChannel();
        const users = new Set<string>();
        for (let message = await channel.get(PROBE_QUEUE); message; message = await channel.get(PROBE_QUEUE)) {
          // Left unacknowledged: closing the connection puts every message back in the queue.
          users.add((JSON.parse(message.content.toString()) as { subject: string }).subject);
        }
        return users;
      } finally {
        await connection.close();
      }
    },
    async stop() {
      await rig.service.kill();
      await Promise.all([pg.remove(), redis.remove(), rabbit.remove(), kafka.stop()]);
    },
  };
  return rig;
}

/** Teams with their own captain (each write of the load acts as a different user: no shared rate bucket). */
export async function createCaptainedTeams(url: string, count: number): Promise<{ id: string; captain: TestUser }[]> {
  const teams: { id: string; captain: TestUser }[] = [];
  for (let i = 0; i < count; i++) {
    const captain = newUser();
    const response = await fetch(`${url}/api/v1/teams`, {
      method: 'POST',
      headers: { ...captain.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Fault Team ${i}`, format: '5x5' }),
    });
    if (response.status !== 201) throw new Error(`create team: ${response.status} ${await response.text()}`);
    teams.push({ id: ((await response.json()) as { id: string }).id, captain });
  }
  return teams;
}

/** Every answer that is neither a success nor the outage problem (503 problem+json, DEPENDENCY_UNAVAILABLE). */
export function unexpectedAnswers(samples: LoadSample[]): LoadSample[] {
  return samples.filter(
    (s) =>
      !(s.status >= 200 && s.status < 300) &&
      !(s.status === 503 && s.contentType.includes('application/problem+json') && s.code === 'DEPENDENCY_UNAVAILABLE'),
  );
}
