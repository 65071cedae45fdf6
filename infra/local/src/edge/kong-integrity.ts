// Checks of gateway/kong.yaml (template and rendered copy) that Kong would only fail at start or at the
// first request, and policy the gateway relies on: regexes compile, credentials are parseable RS256 public
// keys, every host resolves, the chat affinity cookie covers every chat route, the jwt plugin reads tokens
// from the header by kid only, and chunked bodies are refused before anything reads them.
import { createPublicKey } from 'node:crypto';
import { allRoutes, type KongDeclarative } from './kong-config';
import { allPlugins } from './kong-contract';

/** A consumer as kong.yaml declares it, with its jwt credentials. */
export interface KongConsumer {
  username?: string;
  custom_id?: string;
  jwt_secrets?: { key?: string; algorithm?: string; rsa_public_key?: string; secret?: string }[];
}

const consumersOf = (doc: KongDeclarative): KongConsumer[] => doc.consumers ?? [];

/**
 * Route regexes (`~` paths) and CORS origin regexes compile. Kong compiles them with PCRE; JavaScript's
 * RegExp is an approximation (the syntax kong.yaml uses — groups, classes, anchors, ? + * — is the same).
 */
export function checkRegexes(doc: KongDeclarative): string[] {
  const errors: string[] = [];
  const compile = (source: string, where: string): void => {
    try {
      new RegExp(source);
    } catch (error) {
      errors.push(`${where}: ${source} does not compile (${(error as Error).message})`);
    }
  };
  for (const { route, service } of allRoutes(doc)) {
    for (const path of route.paths ?? []) {
      if (path.startsWith('~')) compile(path.slice(1), `route ${route.name ?? service.name}`);
    }
  }
  for (const plugin of doc.plugins ?? []) {
    if (plugin.name !== 'cors') continue;
    for (const origin of (plugin.config?.origins as string[] | undefined) ?? []) {
      if (origin !== '*') compile(origin, 'cors origins');
    }
  }
  return errors;
}

/**
 * Every jwt credential is an RS256 public key that parses (PEM, RSA, 2048 bits or more) under a unique
 * key id, on a consumer whose custom_id is the realm's issuer URL. A shared-secret (HS*) credential is
 * refused: anyone holding it could mint tokens. `rendered` also requires at least one credential.
 */
export function checkCredentials(doc: KongDeclarative, options: { rendered: boolean }): string[] {
  const errors: string[] = [];
  const keys = new Set<string>();
  let count = 0;
  for (const consumer of consumersOf(doc)) {
    const who = `consumer ${consumer.username ?? consumer.custom_id}`;
    const secrets = consumer.jwt_secrets ?? [];
    if (secrets.length > 0) {
      try {
        const url = new URL(consumer.custom_id ?? '');
        if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
      } catch {
        errors.push(`${who}: custom_id must be the realm's issuer URL (the post-function compares iss with it)`);
      }
    }
    for (const secret of secrets) {
      count += 1;
      const where = `${who}: credential ${secret.key ?? '(no key)'}`;
      if (!secret.key) errors.push(`${where}: has no key (the kid it answers to)`);
      else if (keys.has(secret.key)) errors.push(`${where}: key used twice`);
      else keys.add(secret.key);
      if (secret.algorithm !== 'RS256') {
        errors.push(`${where}: algorithm ${secret.algorithm ?? 'HS256 (default)'} — only RS256 realm keys are allowed`);
        continue;
      }
      try {
        const key = createPublicKey(secret.rsa_public_key ?? '');
        const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
        if (key.asymmetricKeyType !== 'rsa') errors.push(`${where}: rsa_public_key is a ${key.asymmetricKeyType} key`);
        else if (bits < 2048) errors.push(`${where}: rsa_public_key has ${bits} bits (2048 or more)`);
      } catch {
        errors.push(`${where}: rsa_public_key is not a PEM public key`);
      }
    }
  }
  if (options.rendered && count === 0) errors.push('no jwt credential: render the file from the realm JWKS');
  return errors;
}

function hostOf(url: string | undefined, host: string | undefined): string | undefined {
  if (host) return host;
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/** Every service host is an upstream of the file or a known host (compose service or alias); every target too. */
export function checkHostsResolve(doc: KongDeclarative, knownHosts: string[]): string[] {
  const errors: string[] = [];
  const upstreams = new Set((doc.upstreams ?? []).map((u) => u.name));
  const known = new Set(knownHosts);
  for (const service of doc.services ?? []) {
    const host = hostOf(service.url, service.host);
    if (!host) errors.push(`service ${service.name}: no host`);
    else if (!upstreams.has(host) && !known.has(host))
      errors.push(`service ${service.name}: host ${host} is neither an upstream nor a compose service`);
  }
  for (const upstream of doc.upstreams ?? []) {
    for (const { target } of upstream.targets ?? []) {
      const host = target.replace(/:\d+$/, '');
      if (!known.has(host)) errors.push(`upstream ${upstream.name}: target ${target} is not a compose service`);
    }
  }
  return errors;
}

/** The literal start of a Kong path (a regex path up to its first metacharacter). */
const literalPrefix = (path: string): string =>
  path.startsWith('~') ? path.slice(1).split(/[\\^$.|?*+()[\]{}]/)[0] : path;

/**
 * A cookie-hashed upstream's cookie must come back on every route that reaches it: a request without it
 * gets a new one in its answer, which replaces the one a live session (Socket.IO) is pinned with.
 */
export function checkAffinityCookiePath(doc: KongDeclarative): string[] {
  const errors: string[] = [];
  for (const upstream of doc.upstreams ?? []) {
    if (upstream.hash_on !== 'cookie') continue;
    const cookiePath = (upstream as { hash_on_cookie_path?: string }).hash_on_cookie_path ?? '/';
    for (const { route, service } of allRoutes(doc)) {
      if (hostOf(service.url, service.host) !== upstream.name) continue;
      for (const path of route.paths ?? ['/']) {
        if (!literalPrefix(path).startsWith(cookiePath))
          errors.push(
            `route ${route.name}: path ${path} is outside the affinity cookie's path ${cookiePath} of ${upstream.name}`,
          );
      }
    }
  }
  return errors;
}

/**
 * The jwt plugin finds the credential by the token's `kid`, reads the token from the Authorization header
 * only (a `?jwt=` query parameter or a cookie would put tokens in access logs or make them ride along on
 * cross-site requests), verifies `exp`, and answers preflights without a token.
 */
export function checkJwtSettings(doc: KongDeclarative): string[] {
  const errors: string[] = [];
  for (const { where, plugin } of allPlugins(doc).filter(({ plugin }) => plugin.name === 'jwt')) {
    const config = plugin.config ?? {};
    const list = (name: string): unknown => config[name];
    if (config.key_claim_name !== 'kid') errors.push(`${where}: jwt key_claim_name must be kid`);
    if (!Array.isArray(list('uri_param_names')) || (list('uri_param_names') as unknown[]).length > 0)
      errors.push(`${where}: jwt uri_param_names must be [] (Kong's default reads ?jwt=)`);
    if (((list('cookie_names') as unknown[] | undefined) ?? []).length > 0)
      errors.push(`${where}: jwt must not read cookies`);
    const headers = (list('header_names') as string[] | undefined) ?? ['authorization'];
    if (headers.length !== 1 || headers[0].toLowerCase() !== 'authorization')
      errors.push(`${where}: jwt must read the Authorization header only`);
    if (!((list('claims_to_verify') as string[] | undefined) ?? []).includes('exp'))
      errors.push(`${where}: jwt must verify exp`);
  }
  return errors;
}

/**
 * A global pre-function refuses a request without a declared length (Transfer-Encoding) with 411 before
 * any other plugin runs: request-size-limiting would otherwise read such a body whole before judging it.
 * Its behaviour is executed in the Lua test; this checks it is there and global.
 */
export function checkBodyLengthRule(doc: KongDeclarative): string[] {
  const pre = (doc.plugins ?? []).find((p) => p.name === 'pre-function' && p.enabled !== false);
  const code = ((pre?.config?.access as string[] | undefined) ?? []).join('\n');
  if (!pre) return ['no global pre-function refuses chunked bodies (411) before request-size-limiting reads them'];
  const errors: string[] = [];
  if (!/get_header\(\s*["']transfer-encoding["']\s*\)/i.test(code) || !/\b411\b/.test(code))
    errors.push('the global pre-function does not answer 411 to a request with Transfer-Encoding');
  return errors;
}
