import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { repoRoot } from '../engines/engines-home';
import { keycloakAdmin, seedKeycloak } from '../engines/keycloak-admin';
import { startKeycloak, type KeycloakServer } from '../engines/keycloak-server';
import { freePort } from '../service-process';
import type { TestKeycloakInfo } from './test-keycloak';

/** Reuse a Keycloak that is already running (realm `prodvor` imported) instead of starting one. */
export const TEST_KEYCLOAK_URL_ENV = 'PRODVOR_TEST_KEYCLOAK_URL';

export const REALM_FILE = join(repoRoot, 'keycloak/realm-prodvor.json');
export const DEV_SEED_FILE = join(repoRoot, 'keycloak/dev-seed.json');

interface Shared {
  users: number;
  ready: Promise<{ info: TestKeycloakInfo; server?: KeycloakServer }>;
}

// Every project's globalSetup runs in vitest's main process: the first one starts the server, the
// others share it, the last teardown stops it.
const SHARED = Symbol.for('prodvor.testing.keycloak');
const holder = globalThis as { [SHARED]?: Shared };

async function external(url: string): Promise<{ info: TestKeycloakInfo }> {
  const admin = {
    username: process.env.PRODVOR_TEST_KEYCLOAK_ADMIN_USERNAME ?? 'admin',
    password: process.env.PRODVOR_TEST_KEYCLOAK_ADMIN_PASSWORD ?? '',
  };
  if (!admin.password) throw new Error(`${TEST_KEYCLOAK_URL_ENV} needs PRODVOR_TEST_KEYCLOAK_ADMIN_PASSWORD`);
  const client = await keycloakAdmin(url, admin);
  const [service] = await client.clients.find({ clientId: 'prodvor-user-service' });
  if (!service?.id) throw new Error(`${url} has no realm prodvor with the prodvor-user-service client`);
  const { value } = await client.clients.getClientSecret({ id: service.id });
  const [chat] = await client.clients.find({ clientId: 'prodvor-chat-service' });
  if (!chat?.id) throw new Error(`${url} has no realm prodvor with the prodvor-chat-service client`);
  const { value: chatServiceSecret } = await client.clients.getClientSecret({ id: chat.id });
  const [web] = await client.clients.find({ clientId: 'prodvor-web' });
  const webOrigin = web?.webOrigins?.[0];
  if (!webOrigin) throw new Error(`${url}: realm prodvor has no prodvor-web client with a web origin`);
  const issuer = `${url.replace(/\/$/, '')}/realms/prodvor`;
  return {
    info: {
      url,
      issuer,
      realm: 'prodvor',
      admin,
      userServiceSecret: value!,
      chatServiceSecret: chatServiceSecret!,
      webOrigin,
    },
  };
}

/**
 * `${PRODVOR_WEB_ORIGIN}` for the run: the environment's, else loopback on a port free now, so a browser
 * test can serve its page there without colliding with another run or a web app's dev server.
 */
async function runWebOrigin(): Promise<string> {
  return process.env.PRODVOR_WEB_ORIGIN ?? `http://127.0.0.1:${await freePort()}`;
}

async function started(): Promise<{ info: TestKeycloakInfo; server: KeycloakServer }> {
  const userServiceSecret = randomBytes(24).toString('base64url');
  const chatServiceSecret = randomBytes(24).toString('base64url');
  const webOrigin = await runWebOrigin();
  const server = await startKeycloak({
    realmFiles: [REALM_FILE],
    env: {
      PRODVOR_USER_SERVICE_SECRET: userServiceSecret,
      PRODVOR_CHAT_SERVICE_SECRET: chatServiceSecret,
      PRODVOR_WEB_ORIGIN: webOrigin,
    },
  });
  const { buildMs, startMs } = server.timings;
  // Like the Kafka broker's line (global-setup.ts): with VERBOSE=1 only, so a passing run prints vitest's lines alone.
  if (process.env.VERBOSE)
    console.log(
      `keycloak: ready in ${(startMs / 1000).toFixed(1)} s${buildMs ? ` (built first in ${(buildMs / 1000).toFixed(1)} s)` : ''} at ${server.url}`,
    );
  const { url, issuer, bootstrapAdmin: admin } = server;
  return {
    info: { url, issuer, realm: 'prodvor', admin, userServiceSecret, chatServiceSecret, webOrigin },
    server,
  };
}

async function prepare(): Promise<{ info: TestKeycloakInfo; server?: KeycloakServer }> {
  const url = process.env[TEST_KEYCLOAK_URL_ENV];
  const ready = url ? await external(url) : await started();
  await seedKeycloak(ready.info.url, ready.info.admin, DEV_SEED_FILE);
  return ready;
}

/**
 * For a project's `globalSetup`: one Keycloak per vitest run, shared by every project that asks, started
 * only when such a project runs. Test files reach it through `testKeycloak()`.
 */
export async function setupTestKeycloak(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder[SHARED] ??= { users: 0, ready: prepare() });
  shared.users += 1;
  const { info } = await shared.ready;
  project.provide('prodvorKeycloak', info);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[SHARED];
    await (await shared.ready).server?.stop();
  };
}
