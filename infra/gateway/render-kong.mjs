#!/usr/bin/env node
// @ts-check
// Renders the Kong declarative file Kong (and the dev edge) load from the checked-in template
// gateway/kong.yaml: the consumer `keycloak-realm` gets the realm's issuer as its custom_id (the
// post-function compares every verified token's `iss` with it) and one jwt credential per RS256
// signing key of the realm's JWKS, keyed by the key id (the jwt plugin looks the credential up by the
// token's `kid`). Everything else is the template as it is, comments included.
//
// Used by compose's kong-keys init step, `npm run dev` and the tests. A key rotation is: add the new
// key to the realm passive, render (Kong then knows both), reload Kong, make the new key active;
// remove the old key once its tokens have expired, render and reload again (AUTH_IMPLEMENTATION.md).
//
//   OIDC_ISSUER          the tokens' `iss` (the realm's public URL), required
//   OIDC_JWKS_URL        where to read the key set (default <OIDC_ISSUER>/protocol/openid-connect/certs)
//   KONG_TEMPLATE        the template (default gateway/kong.yaml next to this repository's infra/)
//   KONG_RENDERED        the file to write, required (written whole, then renamed into place)
//   CORS_ORIGINS         comma separated; replaces the global cors plugin's origins when set
//   JWKS_WAIT_SECONDS    keep retrying an unreachable key set this long (default 0: fail at once)
import { createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMap, isSeq, parseDocument, Scalar } from 'yaml';

/** The consumer every realm token authenticates as (kong.yaml). */
export const REALM_CONSUMER = 'keycloak-realm';

const DEFAULT_TEMPLATE = resolve(dirname(fileURLToPath(import.meta.url)), '../../gateway/kong.yaml');

/**
 * @typedef {{ kid?: string, kty?: string, alg?: string, use?: string, n?: string, e?: string }} Jwk
 * @typedef {{ keys?: Jwk[] }} Jwks
 * @typedef {{ key: string, pem: string }} RealmKey
 */

/**
 * The realm's RS256 signing keys as PEM (SPKI), by key id. Keycloak's key set also lists its RSA-OAEP
 * encryption key (`use: enc`), which is never a signing key: skipped.
 * @param {Jwks} jwks
 * @returns {RealmKey[]}
 */
export function realmSigningKeys(jwks) {
  if (!jwks || !Array.isArray(jwks.keys)) throw new Error('not a JWKS: no "keys" array');
  const keys = jwks.keys.filter((k) => k.kty === 'RSA' && (k.use ?? 'sig') === 'sig' && (k.alg ?? 'RS256') === 'RS256');
  const seen = new Set();
  return keys.map((jwk) => {
    if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new Error('a signing key of the JWKS has no kid');
    if (seen.has(jwk.kid)) throw new Error(`the JWKS lists key id ${jwk.kid} twice`);
    seen.add(jwk.kid);
    const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    return { key: jwk.kid, pem };
  });
}

/** @param {string} issuer */
function checkIssuer(issuer) {
  let url;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`issuer ${JSON.stringify(issuer)} is not a URL`);
  }
  if (!/^https?:$/.test(url.protocol) || issuer.endsWith('/') || url.search || url.hash) {
    throw new Error(`issuer ${issuer} must be an http(s) URL without a trailing slash, query or fragment`);
  }
}

/**
 * The template with the realm consumer's issuer and credentials (and optionally the CORS origins) filled in.
 * @param {{ template: string, issuer: string, jwks: Jwks, corsOrigins?: string[], source?: string }} input
 * @returns {{ yaml: string, keyIds: string[] }}
 */
export function renderKongConfig({ template, issuer, jwks, corsOrigins, source = 'gateway/kong.yaml' }) {
  checkIssuer(issuer);
  const keys = realmSigningKeys(jwks);
  if (keys.length === 0) throw new Error('the JWKS has no RS256 signing key: nothing Kong could verify a token with');

  const doc = parseDocument(template);
  if (doc.errors.length > 0) throw new Error(`template: ${doc.errors[0].message}`);
  const consumers = doc.get('consumers');
  const consumer = isSeq(consumers)
    ? consumers.items.find((c) => isMap(c) && c.get('username') === REALM_CONSUMER)
    : undefined;
  if (!isMap(consumer)) throw new Error(`template has no consumer ${REALM_CONSUMER}`);
  // username, custom_id, jwt_secrets: in that order (a new key goes last).
  consumer.delete('custom_id');
  consumer.delete('jwt_secrets');
  consumer.set('custom_id', issuer);
  consumer.set(
    'jwt_secrets',
    doc.createNode(
      keys.map(({ key, pem }) => {
        const block = new Scalar(pem);
        block.type = Scalar.BLOCK_LITERAL;
        return { key, algorithm: 'RS256', rsa_public_key: block };
      }),
    ),
  );

  if (corsOrigins && corsOrigins.length > 0) {
    const plugins = doc.get('plugins');
    const cors = isSeq(plugins) ? plugins.items.find((p) => isMap(p) && p.get('name') === 'cors') : undefined;
    if (!isMap(cors)) throw new Error('template has no global cors plugin to set the origins of');
    cors.setIn(['config', 'origins'], doc.createNode(corsOrigins, { flow: true }));
  }

  const header = ` RENDERED from ${source} by infra/gateway/render-kong.mjs — do not edit; re-render instead.\n realm issuer ${issuer}, signing keys ${keys.map((k) => k.key).join(', ')}`;
  doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  return { yaml: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), keyIds: keys.map((k) => k.key) };
}

/**
 * The key set at `url`; retries for `waitSeconds` while it cannot be had (Keycloak still starting).
 * @param {string} url
 * @param {number} [waitSeconds]
 * @returns {Promise<Jwks>}
 */
export async function fetchJwks(url, waitSeconds = 0) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return /** @type {Jwks} */ (await response.json());
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/**
 * Renders into `out` (a temporary file renamed over it, so a reader never sees half a file).
 * @param {{ template?: string, out: string, issuer: string, jwksUrl?: string, corsOrigins?: string[], waitSeconds?: number }} options
 * @returns {Promise<{ file: string, keyIds: string[] }>}
 */
export async function renderKongFile({ template = DEFAULT_TEMPLATE, out, issuer, jwksUrl, corsOrigins, waitSeconds }) {
  const jwks = await fetchJwks(jwksUrl ?? `${issuer}/protocol/openid-connect/certs`, waitSeconds);
  const { yaml, keyIds } = renderKongConfig({ template: readFileSync(template, 'utf8'), issuer, jwks, corsOrigins });
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, yaml, { mode: 0o644 });
  renameSync(partial, out);
  return { file: out, keyIds };
}

async function main() {
  const env = process.env;
  const required = (/** @type {string} */ name) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const { file, keyIds } = await renderKongFile({
    template: env.KONG_TEMPLATE || undefined,
    out: required('KONG_RENDERED'),
    issuer: required('OIDC_ISSUER'),
    jwksUrl: env.OIDC_JWKS_URL || undefined,
    corsOrigins: env.CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    waitSeconds: Number(env.JWKS_WAIT_SECONDS ?? 0),
  });
  console.log(`kong-keys: ${file} rendered with ${keyIds.length} realm signing key(s): ${keyIds.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`kong-keys: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
