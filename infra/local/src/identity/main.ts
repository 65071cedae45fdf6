#!/usr/bin/env node
// DEVELOPMENT AND TESTS ONLY: the Keycloak stand-in for local runs.
// Env: PORT (8080), HOST (127.0.0.1), REALM_FILE (keycloak/realm-prodvor.json), DEV_IDENTITY_USERS_FILE,
// DEV_IDENTITY_KEY_FILE (keeps the signing key across restarts), PUBLIC_BASE_URL (issuer base,
// default http://localhost:<port>), PRODVOR_USER_SERVICE_SECRET (fills the realm's placeholder).
import { resolve } from 'node:path';
import { startDevIdentity } from './dev-identity';

async function main(): Promise<void> {
  const identity = await startDevIdentity({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    realmFile: resolve(process.env.REALM_FILE ?? 'keycloak/realm-prodvor.json'),
    usersFile: process.env.DEV_IDENTITY_USERS_FILE || undefined,
    keyFile: process.env.DEV_IDENTITY_KEY_FILE || undefined,
    publicBaseUrl: process.env.PUBLIC_BASE_URL || undefined,
  });
  process.stdout.write(`dev identity (Keycloak stand-in, development only): issuer ${identity.issuer}\n`);
  const stop = (): void => {
    identity.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev identity failed to start: ${String(error)}\n`);
  process.exit(1);
});
