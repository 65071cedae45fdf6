import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../service-process';
import { engineHomes, javaCommand, repoRoot } from './engines-home';

export interface KafkaBrokerOptions {
  /** Keeps the log between runs (the local run); a fresh temporary folder when absent. */
  dataDir?: string;
  /** Client port; a free one when absent. */
  port?: number;
  /** Broker settings on top of the single-node defaults below. */
  properties?: Record<string, string | number | boolean>;
  jvmOptions?: string[];
}

export interface KafkaBroker {
  brokers: string[];
  /** Milliseconds from spawning the JVM until the broker answered metadata requests. */
  startupMs: number;
  dataDir: string;
  /** Stops the JVM (SIGTERM: a controlled shutdown) and starts it again on the same ports and log. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const execFileAsync = promisify(execFile);

/** Tuned for a single machine and short-lived groups; compose's broker keeps Kafka's own defaults. */
const SINGLE_NODE_DEFAULTS: Record<string, string | number | boolean> = {
  'process.roles': 'broker,controller',
  'node.id': 1,
  'controller.listener.names': 'CONTROLLER',
  'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  'inter.broker.listener.name': 'PLAINTEXT',
  'auto.create.topics.enable': false,
  'group.initial.rebalance.delay.ms': 0,
  'group.min.session.timeout.ms': 1000,
  'offsets.topic.replication.factor': 1,
  'offsets.topic.num.partitions': 5,
  'transaction.state.log.replication.factor': 1,
  'transaction.state.log.min.isr': 1,
  'num.partitions': 1,
  'num.network.threads': 2,
  'num.io.threads': 4,
  'log.cleaner.threads': 1,
};

const DEFAULT_JVM = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:+ExitOnOutOfMemoryError',
];

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 (22 characters). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function waitUntilServing(brokers: string[], child: ChildProcess, timeoutMs: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'prodvor-broker-check',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Kafka broker exited with code ${child.exitCode}`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the Kafka broker did not answer in time: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) from the jars that
 * infra/engines/fetch.sh brought from Maven Central. Topics are never auto-created.
 */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const classpath = join(engineHomes().kafkaHome, 'libs', '*');
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'prodvor-kafka-'));
  const [port, controllerPort] = [options.port ?? (await freePort()), await freePort()];
  const brokers = [`127.0.0.1:${port}`];
  const properties = {
    ...SINGLE_NODE_DEFAULTS,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    'log.dirs': join(dataDir, 'log'),
    ...options.properties,
  };
  mkdirSync(dataDir, { recursive: true });
  const config = join(dataDir, 'server.properties');
  writeFileSync(
    config,
    Object.entries(properties)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n',
  );
  const jvm = [
    ...(options.jvmOptions ?? process.env.PRODVOR_KAFKA_JVM_OPTS?.split(' ').filter(Boolean) ?? DEFAULT_JVM),
    `-Dlog4j2.configurationFile=${join(repoRoot, 'infra/engines/kafka-log4j2.properties')}`,
    '-cp',
    classpath,
  ];
  try {
    readFileSync(join(dataDir, 'log', 'meta.properties'));
  } catch {
    await execFileAsync(javaCommand(), [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      newClusterId(),
      '-c',
      config,
    ]);
  }

  let child: ChildProcess;
  let startupMs = 0;
  const launch = async (): Promise<void> => {
    const began = Date.now();
    const output = createWriteStream(join(dataDir, 'broker.log'), { flags: 'a' });
    child = spawn(javaCommand(), [...jvm, 'kafka.Kafka', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(output);
    child.stderr!.pipe(output);
    try {
      await waitUntilServing(brokers, child, 60_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}; see ${join(dataDir, 'broker.log')}`);
    }
    startupMs = Date.now() - began;
  };
  const halt = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  await launch();
  return {
    brokers,
    get startupMs() {
      return startupMs;
    },
    dataDir,
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await halt();
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
