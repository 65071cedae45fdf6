import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

/** Connection settings of the real local servers the tests use; each can be overridden by env. */
export const serverUrls = {
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitmq: process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  rabbitmqManagement: process.env.TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672',
};

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortOpen(port, host)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

interface ServerSpec {
  name: string;
  port: number;
  start: () => void;
  readyTimeoutMs: number;
}

const specs: ServerSpec[] = [
  {
    name: 'PostgreSQL',
    port: 5432,
    readyTimeoutMs: 30_000,
    start: () => {
      if (!has('pg_ctlcluster') || !existsSync('/etc/postgresql')) throw new Error('PostgreSQL is not installed');
      const version = readdirSync('/etc/postgresql')[0];
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
    },
  },
  {
    name: 'Redis',
    port: 6379,
    readyTimeoutMs: 10_000,
    start: () => {
      if (!has('redis-server')) throw new Error('redis-server is not installed');
      execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', ''], {
        stdio: 'ignore',
      });
    },
  },
  {
    name: 'RabbitMQ',
    port: 5672,
    readyTimeoutMs: 60_000,
    start: () => {
      if (!has('rabbitmq-server')) throw new Error('rabbitmq-server is not installed');
      execFileSync('rabbitmq-server', ['-detached'], { stdio: 'ignore' });
    },
  },
];

/** Makes sure PostgreSQL, Redis and RabbitMQ answer, starting the installed ones that are down. */
export async function ensureServers(): Promise<void> {
  await Promise.all(
    specs.map(async (spec) => {
      if (await isPortOpen(spec.port)) return;
      spec.start();
      if (!(await waitForPort(spec.port, spec.readyTimeoutMs)))
        throw new Error(`${spec.name} did not start on port ${spec.port} (run .ci/run to install it)`);
    }),
  );
  await ensureRabbitManagement();
}

async function ensureRabbitManagement(): Promise<void> {
  if (await isPortOpen(15672)) return;
  spawnSync('rabbitmq-plugins', ['enable', 'rabbitmq_management'], { stdio: 'ignore' });
  if (!(await waitForPort(15672, 30_000))) throw new Error('RabbitMQ management plugin did not start on 15672');
}
