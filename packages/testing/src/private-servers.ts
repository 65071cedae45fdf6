import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForPort } from './servers';
import { freePort } from './service-process';

/**
 * A server of one test alone (never the machine's shared one), on free ports and in a temporary folder:
 * the test may stop and start it again (same port, same data) to play an outage.
 */
export interface PrivateServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and deletes its folder. */
  remove(): Promise<void>;
}

const PG_BIN = process.env.PRODVOR_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Processes a crashed test run would leave behind are ended when the test process exits. */
function onExit(cleanup: () => void): () => void {
  const handler = () => {
    try {
      cleanup();
    } catch {
      // exiting anyway
    }
  };
  process.once('exit', handler);
  return () => process.off('exit', handler);
}

function exited(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function listening(port: number, what: string, timeoutMs: number): Promise<void> {
  if (!(await waitForPort(port, timeoutMs))) throw new Error(`private ${what} did not listen on ${port}`);
}

/**
 * PostgreSQL from the installed binaries (initdb + pg_ctl, as the `postgres` OS user when run as root,
 * which PostgreSQL refuses to run as), trust auth on 127.0.0.1, fsync off. `url` is the `postgres` database.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), -1);
  const run = (binary: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [command, argv] = asRoot
        ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
        : [join(PG_BIN, binary), args];
      const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${binary}: ${stderr.trim()}`))));
    });
  const data = join(dir, 'data');
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`;
  const ctl = (args: string[]) => run('pg_ctl', ['-D', data, '-w', '-t', '30', ...args]);
  const start = () => ctl(['-l', join(dir, 'server.log'), '-o', options, 'start']);
  // fast: ends every session at once, as a crash or a failover would for the clients.
  const stop = () => ctl(['-m', 'fast', 'stop']).catch(() => undefined);
  const forget = onExit(() => {
    const argv = ['-D', data, '-m', 'immediate', 'stop'];
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...argv], { stdio: 'ignore' });
    else execFileSync(join(PG_BIN, 'pg_ctl'), argv, { stdio: 'ignore' });
  });
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    remove: async () => {
      await stop();
      forget();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A spawned server process that a restart spawns again with the same arguments. */
function respawnable(
  what: string,
  port: number,
  dir: string,
  launch: () => ChildProcess,
  readyTimeoutMs: number,
  url: string,
): PrivateServer {
  let child: ChildProcess | undefined;
  // Own process group (detached): a stop reaches the server's helpers (Erlang's children) too.
  const signal = (name: NodeJS.Signals) => child?.pid !== undefined && process.kill(-child.pid, name);
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  const start = async () => {
    child = launch();
    await listening(port, what, readyTimeoutMs);
  };
  const forget = onExit(() => signal('SIGKILL'));
  return {
    url,
    port,
    start,
    stop,
    remove: async () => {
      await stop();
      forget();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * redis-server without persistence (`--save ''`): a restart comes back empty, as a cache may. With
 * `persistent`, every write is in its append-only file first (`appendfsync always`), so a restart keeps
 * it: what a test needs to show that stale entries from before an outage are not served after it.
 */
export async function startPrivateRedis(options: { persistent?: boolean } = {}): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-redis-'));
  const persistence = options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir];
  const server = respawnable(
    'redis-server',
    port,
    dir,
    () => spawn('redis-server', args, { stdio: 'ignore', detached: true }),
    10_000,
    `redis://127.0.0.1:${port}`,
  );
  await server.start();
  return server;
}

/**
 * A RabbitMQ node of its own: node name, AMQP and distribution ports, data, logs, cookie (HOME) and config
 * all in a temporary folder; no plugins (no management port). epmd is the machine's (started if absent and
 * left running: other nodes use it). `url` is the default vhost as guest.
 */
export async function startPrivateRabbitMq(): Promise<PrivateServer> {
  const [port, distPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-rabbit-'));
  for (const folder of ['mnesia', 'log']) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${port}\n`);
  // An empty env file: the machine's rabbitmq-env.conf would name the shared node.
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');
  const env = {
    ...process.env,
    HOME: dir,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_NODENAME: `prodvor-${randomBytes(4).toString('hex')}@localhost`,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbit.pid'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  const server = respawnable(
    'rabbitmq-server',
    port,
    dir,
    () => spawn('/usr/lib/rabbitmq/bin/rabbitmq-server', [], { env, stdio: 'ignore', detached: true }),
    120_000,
    `amqp://guest:guest@127.0.0.1:${port}`,
  );
  await server.start();
  return server;
}

/**
 * A TCP forwarder to `target` (host:port) that a test can cut and restore: `stop()` closes the listener and
 * every forwarded connection (callers see connection refused), `start()` listens on the same port again.
 * For a dependency the test may not stop itself (a server shared by the run).
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<PrivateServer> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server?.listening) return resolve();
      server.close(() => resolve());
    });
  await start();
  return { url: `http://127.0.0.1:${port}`, port, start, stop, remove: stop };
}
