import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Raw shapes of the parts of a Kong 3.x declarative file the dev edge and the contract test read. */
export interface KongPlugin {
  name: string;
  config?: Record<string, unknown>;
  enabled?: boolean;
}

export interface KongRoute {
  name?: string;
  paths?: string[];
  methods?: string[];
  protocols?: string[];
  tags?: string[];
  strip_path?: boolean;
  request_buffering?: boolean;
  response_buffering?: boolean;
  plugins?: KongPlugin[];
}

export interface KongService {
  name: string;
  url?: string;
  protocol?: string;
  host?: string;
  port?: number;
  path?: string;
  routes?: KongRoute[];
  plugins?: KongPlugin[];
}

export interface KongUpstream {
  name: string;
  algorithm?: string;
  hash_on?: string;
  hash_on_cookie?: string;
  hash_on_cookie_path?: string;
  targets?: { target: string; weight?: number }[];
}

export interface KongJwtSecret {
  key?: string;
  algorithm?: string;
  rsa_public_key?: string;
  secret?: string;
}

export interface KongDeclarative {
  _format_version: string;
  services?: KongService[];
  upstreams?: KongUpstream[];
  routes?: (KongRoute & { service?: string | { name: string } })[];
  consumers?: { username?: string; custom_id?: string; jwt_secrets?: KongJwtSecret[] }[];
  plugins?: (KongPlugin & { route?: string; service?: string })[];
}

/** A Kong path: plain paths are prefix matches, `~`-prefixed paths are regexes anchored at the start. */
export interface PathMatcher {
  source: string;
  test(path: string): boolean;
  /** Kong's tie-breaker: longer paths win among routes of the same specificity. */
  length: number;
  regex: boolean;
}

export interface EdgeRoute {
  name: string;
  service: string;
  paths: PathMatcher[];
  methods?: Set<string>;
  authenticated: boolean;
  /** The effective request-size-limiting instance (route > service > global). */
  bodyLimit?: { bytes: number; requireContentLength: boolean };
  websocket: boolean;
}

/** A consumer's jwt credential: the key a token names (its `kid`), the algorithm and the public key. */
export interface JwtCredential {
  key: string;
  algorithm: string;
  publicKey?: KeyObject;
  /** The consumer's custom_id: the realm issuer the post-function compares `iss` with. */
  issuer?: string;
}

export interface JwtSettings {
  keyClaimName: string;
  /** By the credential's key (Kong's jwt_secrets are unique by key). */
  credentials: Map<string, JwtCredential>;
  headerNames: string[];
  uriParamNames: string[];
  cookieNames: string[];
  claimsToVerify: string[];
  runOnPreflight: boolean;
}

export interface RateLimitSettings {
  second?: number;
  minute?: number;
  hour?: number;
  limitBy: string;
}

export interface CorsSettings {
  origins: string[];
  methods?: string[];
  headers?: string[];
  exposedHeaders?: string[];
  credentials: boolean;
  maxAge?: number;
  preflightContinue: boolean;
}

/** Kong's cookie-hashed upstream: the cookie it sets on an answer to a request without one. */
export interface AffinityCookie {
  name: string;
  path: string;
}

export interface EdgeConfig {
  services: Map<string, { name: string; url: string; affinity?: AffinityCookie }>;
  routes: EdgeRoute[];
  jwt: JwtSettings;
  rateLimit?: RateLimitSettings;
  cors?: CorsSettings;
  correlation?: { header: string; echo: boolean };
  /** A global pre-function answers 411 to a body without Content-Length (Transfer-Encoding). */
  refuseChunkedBodies: boolean;
}

export function readKongFile(file: string): KongDeclarative {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as KongDeclarative;
  if (!doc || typeof doc !== 'object' || typeof doc._format_version !== 'string') {
    throw new Error(`${file} is not a Kong declarative configuration (_format_version missing)`);
  }
  return doc;
}

export function pathMatcher(source: string): PathMatcher {
  if (source.startsWith('~')) {
    const re = new RegExp(`^(?:${source.slice(1)})`);
    return { source, test: (p) => re.test(p), length: source.length - 1, regex: true };
  }
  return { source, test: (p) => p.startsWith(source), length: source.length, regex: false };
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

const UNIT_BYTES: Record<string, number> = { bytes: 1, kilobytes: 1024, megabytes: 1024 * 1024 };

function sizeLimit(plugin: KongPlugin | undefined): EdgeRoute['bodyLimit'] {
  if (!plugin || plugin.enabled === false) return undefined;
  const size = Number(plugin.config?.allowed_payload_size ?? 128);
  const unit = text(plugin.config?.size_unit, 'megabytes');
  const requireContentLength = plugin.config?.require_content_length === true;
  return { bytes: size * (UNIT_BYTES[unit] ?? UNIT_BYTES.megabytes), requireContentLength };
}

/** kong.yaml's global pre-function that refuses bodies without a declared length (kong-integrity.ts checks it). */
const refusesChunked = (plugin: KongPlugin | undefined): boolean =>
  ((plugin?.config?.access as string[] | undefined) ?? []).some(
    (code) => /get_header\(\s*["']transfer-encoding["']\s*\)/i.test(code) && /\b411\b/.test(code),
  );

const find = (plugins: KongPlugin[] | undefined, name: string): KongPlugin | undefined =>
  plugins?.find((p) => p.name === name && p.enabled !== false);

function serviceUrl(s: KongService): string {
  if (s.url) return s.url;
  return `${s.protocol ?? 'http'}://${s.host}:${s.port ?? 80}${s.path ?? ''}`;
}

/** Every route with its service, whether nested under the service or declared at top level. */
export function allRoutes(doc: KongDeclarative): { route: KongRoute; service: KongService }[] {
  const services = doc.services ?? [];
  const nested = services.flatMap((service) => (service.routes ?? []).map((route) => ({ route, service })));
  const top = (doc.routes ?? []).map((route) => {
    const ref = typeof route.service === 'string' ? route.service : route.service?.name;
    const service = services.find((s) => s.name === ref);
    if (!service) throw new Error(`route ${route.name ?? '?'} references unknown service ${ref}`);
    return { route, service };
  });
  return [...nested, ...top];
}

/** Normalises kong.yaml into what the dev edge enforces. */
export function loadEdgeConfig(file: string): EdgeConfig {
  const doc = readKongFile(file);
  const globals = (doc.plugins ?? []).filter((p) => !p.route && !p.service);
  const globalSize = sizeLimit(find(globals, 'request-size-limiting'));

  const routes: EdgeRoute[] = allRoutes(doc).map(({ route, service }, index) => ({
    name: route.name ?? `${service.name}-route-${index}`,
    service: service.name,
    paths: (route.paths ?? ['/']).map(pathMatcher),
    methods: route.methods ? new Set(route.methods.map((m) => m.toUpperCase())) : undefined,
    authenticated: Boolean(find(route.plugins, 'jwt') ?? find(service.plugins, 'jwt')),
    bodyLimit:
      sizeLimit(find(route.plugins, 'request-size-limiting')) ??
      sizeLimit(find(service.plugins, 'request-size-limiting')) ??
      globalSize,
    websocket: (route.tags ?? []).includes('websocket'),
  }));

  const jwtPlugin = allRoutes(doc)
    .flatMap(({ route, service }) => [find(route.plugins, 'jwt'), find(service.plugins, 'jwt')])
    .find(Boolean);
  const jwtConfig = (jwtPlugin?.config ?? {}) as Record<string, string[] | undefined>;

  const rl = find(globals, 'rate-limiting')?.config;
  const cors = find(globals, 'cors')?.config;
  const corr = find(globals, 'correlation-id')?.config;

  const upstreams = new Map((doc.upstreams ?? []).map((u) => [u.name, u]));
  const affinity = (s: KongService): AffinityCookie | undefined => {
    const upstream = upstreams.get(s.host ?? new URL(serviceUrl(s)).hostname);
    return upstream?.hash_on === 'cookie' && upstream.hash_on_cookie
      ? { name: upstream.hash_on_cookie, path: upstream.hash_on_cookie_path ?? '/' }
      : undefined;
  };

  return {
    services: new Map(
      (doc.services ?? []).map((s) => [s.name, { name: s.name, url: serviceUrl(s), affinity: affinity(s) }]),
    ),
    routes,
    jwt: {
      keyClaimName: (jwtPlugin?.config?.key_claim_name as string | undefined) ?? 'iss',
      credentials: jwtCredentials(doc),
      headerNames: (jwtConfig.header_names ?? ['authorization']).map((h) => h.toLowerCase()),
      uriParamNames: jwtConfig.uri_param_names ?? ['jwt'],
      cookieNames: jwtConfig.cookie_names ?? [],
      claimsToVerify: jwtConfig.claims_to_verify ?? [],
      runOnPreflight: (jwtPlugin?.config?.run_on_preflight as boolean | undefined) ?? true,
    },
    rateLimit: rl
      ? {
          second: rl.second as number | undefined,
          minute: rl.minute as number | undefined,
          hour: rl.hour as number | undefined,
          limitBy: text(rl.limit_by, 'consumer'),
        }
      : undefined,
    cors: cors
      ? {
          origins: (cors.origins as string[] | undefined) ?? ['*'],
          methods: cors.methods as string[] | undefined,
          headers: cors.headers as string[] | undefined,
          exposedHeaders: cors.exposed_headers as string[] | undefined,
          credentials: Boolean(cors.credentials),
          maxAge: cors.max_age as number | undefined,
          preflightContinue: cors.preflight_continue === true,
        }
      : undefined,
    correlation: corr
      ? { header: text(corr.header_name, 'Kong-Request-ID'), echo: Boolean(corr.echo_downstream) }
      : undefined,
    refuseChunkedBodies: refusesChunked(find(globals, 'pre-function')),
  };
}

/** The consumers' jwt credentials by key, public keys parsed (a bad PEM fails here, as Kong fails to start). */
export function jwtCredentials(doc: KongDeclarative): Map<string, JwtCredential> {
  const credentials = new Map<string, JwtCredential>();
  for (const consumer of doc.consumers ?? []) {
    for (const secret of consumer.jwt_secrets ?? []) {
      if (!secret.key) continue;
      const algorithm = secret.algorithm ?? 'HS256';
      const publicKey = secret.rsa_public_key ? createPublicKey(secret.rsa_public_key) : undefined;
      credentials.set(secret.key, { key: secret.key, algorithm, publicKey, issuer: consumer.custom_id });
    }
  }
  return credentials;
}

/**
 * Kong's route priority, simplified to what kong.yaml uses: routes with a methods constraint beat
 * routes without; then regex paths beat prefix paths; then the longest path wins.
 */
export function matchRoute(routes: EdgeRoute[], method: string, path: string): EdgeRoute | undefined {
  let best: { route: EdgeRoute; score: number[] } | undefined;
  for (const route of routes) {
    if (route.methods && !route.methods.has(method.toUpperCase())) continue;
    for (const matcher of route.paths) {
      if (!matcher.test(path)) continue;
      const score = [route.methods ? 1 : 0, matcher.regex ? 1 : 0, matcher.length];
      if (!best || compare(score, best.score) > 0) best = { route, score };
    }
  }
  return best?.route;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
