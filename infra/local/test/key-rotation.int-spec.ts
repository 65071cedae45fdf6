import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keycloakAdmin, testKeycloak, tokenClaims, type KeycloakAdmin } from '@prodvor/testing';
import { parse } from 'yaml';
import { startDevEdge, type DevEdge } from '../src/edge';
import { renderedKongFile, startEchoUpstream } from '../src/edge/testing/edge-fixtures';

/**
 * Kong's keys come from the real Keycloak: the rendered kong.yaml carries the realm's key ids, and a key
 * rotation done as AUTH_IMPLEMENTATION.md says (add the new key passive, render, activate it; later
 * remove the old one and render again) keeps every token valid through the dev edge until the old key is
 * removed, after which that key's tokens are refused. The rotation runs on a realm of its own (created
 * from keycloak/realm-prodvor.json), so other files sharing the run's Keycloak keep their keys.
 */
const root = join(__dirname, '../../..');
const KEY_PROVIDER = 'org.keycloak.keys.KeyProvider';
const kc = testKeycloak();

interface RealmKeys {
  keys?: { kid?: string; algorithm?: string; providerId?: string; status?: string; use?: string }[];
}

const consumerKeys = (file: string): string[] =>
  (
    parse(readFileSync(file, 'utf8')) as { consumers: { custom_id?: string; jwt_secrets: { key: string }[] }[] }
  ).consumers[0].jwt_secrets.map((s) => s.key);

describe('kong.yaml rendered from the real realm', () => {
  it("carries the prodvor realm's RS256 signing key ids (the key the realm file pins)", async () => {
    const admin = await keycloakAdmin(kc.url, kc.admin, 'prodvor');
    const [pinned] = await admin.components.find({ type: KEY_PROVIDER, name: 'prodvor-rs256-1' });
    expect(pinned).toMatchObject({ providerId: 'rsa-generated' });
    const { keys = [] } = (await admin.realms.getKeys({ realm: 'prodvor' })) as RealmKeys;
    const signing = keys.filter((k) => k.algorithm === 'RS256' && k.status !== 'DISABLED');
    expect(signing.map((k) => k.providerId)).toContain(pinned.id);
    const file = await renderedKongFile({ issuer: kc.issuer });
    expect(consumerKeys(file).sort()).toEqual(signing.map((k) => k.kid).sort());
    const doc = parse(readFileSync(file, 'utf8')) as { consumers: { custom_id: string }[] };
    expect(doc.consumers[0].custom_id).toBe(kc.issuer);
  });
});

describe('a Keycloak key rotation through the dev edge', () => {
  const realm = `rotation-${randomBytes(4).toString('hex')}`;
  const issuer = `${kc.url}/realms/${realm}`;
  let master: KeycloakAdmin;
  let admin: KeycloakAdmin;
  let realmId: string;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  let kongFile: string;
  let edge: DevEdge;
  const user = { username: 'rotating-user', password: `pw-${randomBytes(6).toString('hex')}-9` };

  beforeAll(async () => {
    // The production realm file under another name, its placeholders set as the harness sets them.
    const text = readFileSync(join(root, 'keycloak/realm-prodvor.json'), 'utf8')
      .replaceAll('${PRODVOR_USER_SERVICE_SECRET}', randomBytes(12).toString('hex'))
      .replaceAll('${PRODVOR_WEB_ORIGIN}', 'http://127.0.0.1:5173');
    const rep = { ...(JSON.parse(text) as Record<string, unknown>), realm, id: undefined };
    master = await keycloakAdmin(kc.url, kc.admin, 'master');
    await master.realms.create(rep);
    admin = await keycloakAdmin(kc.url, kc.admin, realm);
    // the dev seed's password-grant client (its demo users' ids are the prodvor realm's already)
    const seed = JSON.parse(readFileSync(join(root, 'keycloak/dev-seed.json'), 'utf8')) as {
      clients: Parameters<KeycloakAdmin['clients']['create']>[0][];
    };
    for (const client of seed.clients) await admin.clients.create({ ...client, id: undefined });
    realmId = (await admin.realms.findOne({ realm }))!.id!;
    await admin.users.create({
      username: user.username,
      email: `${user.username}@example.test`,
      enabled: true,
      emailVerified: true,
      credentials: [{ type: 'password', value: user.password, temporary: false }],
    });
    upstream = await startEchoUpstream();
    kongFile = await renderedKongFile({ issuer });
    edge = await startDevEdge({ kongFile, upstreams: { ai: upstream.url }, rateLimit: false });
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    await upstream?.stop();
    await master?.realms.del({ realm });
  });

  async function login(): Promise<string> {
    const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'prodvor-dev-cli', ...user }),
    });
    if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }
  const kidOf = (token: string): string =>
    (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
  const call = async (target: DevEdge, token: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${target.url}/api/v1/ai/moderation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: await res.json() };
  };
  const rerender = async (): Promise<void> => {
    await renderedKongFile({ issuer, out: kongFile });
    edge.reload();
  };

  it('keeps old and new tokens valid while the new key comes in, and refuses the old key once it is removed', async () => {
    const [original] = await admin.components.find({ parent: realmId, type: KEY_PROVIDER, name: 'prodvor-rs256-1' });
    const oldToken = await login();
    const oldKid = kidOf(oldToken);
    expect(consumerKeys(kongFile)).toEqual([oldKid]);
    expect(await call(edge, oldToken)).toMatchObject({ status: 200 });

    // 1. the new key, passive: published in the JWKS, not yet signing
    const config = { algorithm: ['RS256'], keySize: ['2048'], priority: ['200'], enabled: ['true'] };
    const { id: newId } = await admin.components.create({
      name: 'prodvor-rs256-2',
      providerId: 'rsa-generated',
      providerType: KEY_PROVIDER,
      parentId: realmId,
      config: { ...config, active: ['false'] },
    });
    expect(kidOf(await login())).toBe(oldKid);

    // 2. render: Kong (here the dev edge) knows both keys; a gateway left on the old file would not
    const staleFile = join(mkdtempSync(join(tmpdir(), 'kong-stale-')), 'kong.yaml');
    copyFileSync(kongFile, staleFile);
    const stale = await startDevEdge({ kongFile: staleFile, upstreams: { ai: upstream.url }, rateLimit: false });
    await rerender();
    const bothKids = consumerKeys(kongFile);
    expect(bothKids).toHaveLength(2);
    expect(bothKids).toContain(oldKid);

    // 3. activate the new key (higher priority): new tokens carry it and pass; old ones still pass
    await admin.components.update(
      { id: newId },
      {
        name: 'prodvor-rs256-2',
        providerId: 'rsa-generated',
        providerType: KEY_PROVIDER,
        parentId: realmId,
        config: { ...config, active: ['true'] },
      },
    );
    const newToken = await login();
    const newKid = kidOf(newToken);
    expect(newKid).not.toBe(oldKid);
    expect(bothKids).toContain(newKid);
    expect(await call(edge, newToken)).toMatchObject({ status: 200 });
    expect(await call(edge, oldToken)).toMatchObject({ status: 200 });
    expect(upstream.seen.at(-1)!.headers['x-authenticated-userid']).toBe(tokenClaims(oldToken).sub);
    // the stale gateway (rendered before the new key existed) refuses the new key's tokens
    expect(await call(stale, newToken)).toEqual({
      status: 401,
      body: { message: "No credentials found for given 'kid'" },
    });
    await stale.stop();

    // 4. remove the old key, render again: its tokens are refused, the new key's still pass
    await admin.components.del({ id: original.id! });
    await rerender();
    expect(consumerKeys(kongFile)).toEqual([newKid]);
    expect(await call(edge, oldToken)).toEqual({
      status: 401,
      body: { message: "No credentials found for given 'kid'" },
    });
    expect(await call(edge, newToken)).toMatchObject({ status: 200 });
    expect(await call(edge, await login())).toMatchObject({ status: 200 });
  });
});
