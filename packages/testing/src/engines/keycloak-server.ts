import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';
import { serverUrls } from '../servers';
import { freePort } from '../service-process';
import { engineHomes, javaCommand } from './engines-home';

/**
 * Build-time options (`kc.sh build`): the tests, the local run and compose's image (keycloak/Dockerfile)
 * use the same ones. `start --optimized` then skips Quarkus' re-augmentation.
 */
export const KEYCLOAK_BUILD_OPTIONS = ['--db=postgres', '--health-enabled=true', '--metrics-enabled=true'] as const;

export interface KeycloakServerOptions {
  /** Realm representations imported at first start (`--import-realm`); `${VAR}` placeholders must all be set. */
  realmFiles: string[];
  /** Values for the realm files' placeholders (and the server's environment); defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Database on the local PostgreSQL server, created when missing; a throw-away one when absent. */
  database?: string;
  /** Instance state (data/, transaction logs); kept when given, a temporary folder otherwise. */
  stateDir?: string;
  /** Public base URL the tokens' issuer is built from; `http://127.0.0.1:<httpPort>` when absent. */
  hostname?: string;
  httpPort?: number;
  managementPort?: number;
  /** The master realm's first admin (created only when the database has none yet); random when absent. */
  bootstrapAdmin?: KeycloakCredentials;
  /** The realm `issuer` points at. */
  realm?: string;
  readyTimeoutMs?: number;
}

export interface KeycloakCredentials {
  username: string;
  password: string;
}

export interface KeycloakServer {
  /** Base URL (Admin API, token endpoints), without `/realms/…`. */
  url: string;
  issuer: string;
  adminConsoleUrl: string;
  managementUrl: string;
  bootstrapAdmin: KeycloakCredentials;
  database: string;
  /** Milliseconds spent in `kc.sh build` (0 when the build was already there) and from spawn to ready. */
  timings: { buildMs: number; startMs: number };
  stop(): Promise<void>;
}

/** `${NAME}` placeholders Keycloak resolves from the environment at import; camelCase ones are its message keys. */
const PLACEHOLDER = /\$\{(?:env\.)?([A-Z][A-Z0-9_]*)\}/g;

/** The placeholders of the realm files that `env` leaves unset (Keycloak would import them literally). */
export function unsetRealmPlaceholders(realmFiles: string[], env: Record<string, string | undefined>): string[] {
  const names = new Set<string>();
  for (const file of realmFiles)
    for (const [, name] of readFileSync(file, 'utf8').matchAll(PLACEHOLDER)) names.add(name);
  return [...names].filter((name) => !env[name]).sort();
}

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrls.postgres });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${basename(command)} ${args.join(' ')}: ${code}\n${output}`)),
    );
  });
}

/**
 * A copy of the fetched distribution built with KEYCLOAK_BUILD_OPTIONS, made once per options set and
 * shared by every instance on the machine. A PostgreSQL advisory lock serialises engineers' parallel
 * runs; the `.build-options` marker records what the copy was built with.
 */
async function builtDistribution(): Promise<{ home: string; buildMs: number }> {
  const { keycloakHome } = engineHomes();
  const options = JSON.stringify(KEYCLOAK_BUILD_OPTIONS);
  const hash = createHash('sha256').update(options).digest('hex').slice(0, 12);
  const home = `${keycloakHome}-build-${hash}`;
  const marker = join(home, '.build-options');
  const isBuilt = () => existsSync(marker) && readFileSync(marker, 'utf8').startsWith(`${hash} `);
  if (isBuilt()) return { home, buildMs: 0 };
  return withPostgres(async (db) => {
    await db.query('SELECT pg_advisory_lock(hashtext($1))', [home]);
    try {
      if (isBuilt()) return { home, buildMs: 0 };
      const started = Date.now();
      rmSync(home, { recursive: true, force: true });
      cpSync(keycloakHome, home, { recursive: true });
      await run(join(home, 'bin/kc.sh'), ['build', ...KEYCLOAK_BUILD_OPTIONS], { ...process.env, JAVA: javaCommand() });
      writeFileSync(marker, `${hash} ${options}\n`);
      return { home, buildMs: Date.now() - started };
    } finally {
      await db.query('SELECT pg_advisory_unlock(hashtext($1))', [home]);
    }
  });
}

/**
 * An instance home: its own data/ (import folder, transaction logs) beside the shared built lib/, so
 * several servers run from one distribution. kc.sh takes its home from its own location, hence the copy.
 */
function instanceHome(distribution: string, stateDir: string, realmFiles: string[]): void {
  mkdirSync(join(stateDir, 'bin'), { recursive: true });
  copyFileSync(join(distribution, 'bin/kc.sh'), join(stateDir, 'bin/kc.sh'));
  for (const dir of ['lib', 'conf', 'providers', 'themes']) {
    rmSync(join(stateDir, dir), { recursive: true, force: true });
    symlinkSync(join(distribution, dir), join(stateDir, dir));
  }
  const imports = join(stateDir, 'data/import');
  rmSync(imports, { recursive: true, force: true });
  mkdirSync(imports, { recursive: true });
  for (const file of realmFiles) copyFileSync(file, join(imports, basename(file)));
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Keycloak exited with ${child.exitCode}:\n${output()}`);
    const ready = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Keycloak was not ready at ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The real Keycloak from infra/engines/fetch.sh: built once, started with `start --optimized` on its
 * own PostgreSQL database, importing the realm files, answering on 127.0.0.1 (free ports by default)
 * and ready when the management port's `/health/ready` says so.
 */
export async function startKeycloak(options: KeycloakServerOptions): Promise<KeycloakServer> {
  const env = options.env ?? process.env;
  const unset = unsetRealmPlaceholders(options.realmFiles, env);
  if (unset.length)
    throw new Error(`realm placeholders not set: ${unset.join(', ')} (Keycloak would import them literally)`);
  const { home: distribution, buildMs } = await builtDistribution();

  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'prodvor-keycloak-'));
  instanceHome(distribution, stateDir, options.realmFiles);
  const throwAway = !options.database;
  const database = options.database ?? `keycloak_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  await withPostgres(async (db) => {
    const exists = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await db.query(`CREATE DATABASE "${database}"`);
  });

  const httpPort = options.httpPort ?? (await freePort());
  // A port just released can be handed out again at once: the two must differ, or Keycloak cannot bind.
  let managementPort = options.managementPort ?? (await freePort());
  while (managementPort === httpPort) managementPort = await freePort();
  const url = (options.hostname ?? `http://127.0.0.1:${httpPort}`).replace(/\/$/, '');
  const bootstrapAdmin = options.bootstrapAdmin ?? {
    username: 'admin',
    password: randomBytes(12).toString('base64url'),
  };
  const pg = new URL(serverUrls.postgres);
  const args = [
    'start',
    '--optimized',
    '--import-realm',
    `--db-url=jdbc:postgresql://${pg.hostname}:${pg.port || 5432}/${database}`,
    `--db-username=${decodeURIComponent(pg.username) || 'postgres'}`,
    ...(pg.password ? [`--db-password=${decodeURIComponent(pg.password)}`] : []),
    '--http-enabled=true',
    '--http-host=127.0.0.1',
    `--http-port=${httpPort}`,
    `--http-management-port=${managementPort}`,
    `--hostname=${url}`,
    // One node: no JGroups ports to collide with other engineers' servers on this machine.
    '--cache=local',
    '--log-level=warn,org.keycloak.services:info,io.quarkus:info',
  ];
  const started = Date.now();
  const child = spawn(join(stateDir, 'bin/kc.sh'), args, {
    env: {
      ...process.env,
      ...env,
      JAVA: javaCommand(),
      // C1 only: a quicker start on a busy 2-core machine; tests and local runs need no peak throughput.
      JAVA_OPTS_APPEND: '-XX:TieredStopAtLevel=1',
      KC_BOOTSTRAP_ADMIN_USERNAME: bootstrapAdmin.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: bootstrapAdmin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 200) lines.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const kill = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', kill);

  const stop = async () => {
    process.off('exit', kill);
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (throwAway) {
      await withPostgres((db) => db.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      rmSync(stateDir, { recursive: true, force: true });
    }
  };
  const managementUrl = `http://127.0.0.1:${managementPort}`;
  try {
    await waitUntilReady(
      `${managementUrl}/health/ready`,
      child,
      () => lines.join(''),
      options.readyTimeoutMs ?? 300_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    issuer: `${url}/realms/${options.realm ?? 'prodvor'}`,
    adminConsoleUrl: `${url}/admin/master/console/`,
    managementUrl,
    bootstrapAdmin,
    database,
    timings: { buildMs, startMs: Date.now() - started },
    stop,
  };
}
