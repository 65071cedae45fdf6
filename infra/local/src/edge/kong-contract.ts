// Contract checks for gateway/kong.yaml (used by kong-contract.spec.ts): auth coverage, the service
// inventory, paths against the services' OpenAPI documents, the identity header contract, streaming and
// session affinity. Schemas (plugin names, config fields) are kong-schema.ts; keys, regexes, hosts and
// the jwt/body rules are kong-integrity.ts.
import { allRoutes, pathMatcher, type KongDeclarative, type KongPlugin } from './kong-config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FUNCTION_PLUGINS = new Set(['pre-function', 'post-function']);

/** Every plugin in the file with where it is attached. */
export function allPlugins(doc: KongDeclarative): { where: string; plugin: KongPlugin }[] {
  const found: { where: string; plugin: KongPlugin }[] = [];
  for (const p of doc.plugins ?? []) found.push({ where: 'global', plugin: p });
  for (const s of doc.services ?? [])
    for (const p of s.plugins ?? []) found.push({ where: `service ${s.name}`, plugin: p });
  for (const { route, service } of allRoutes(doc)) {
    for (const p of route.plugins ?? []) found.push({ where: `route ${route.name ?? service.name}`, plugin: p });
  }
  for (const c of (doc.consumers ?? []) as { username: string; plugins?: KongPlugin[] }[]) {
    for (const p of c.plugins ?? []) found.push({ where: `consumer ${c.username}`, plugin: p });
  }
  return found;
}

/** Each route is authenticated (jwt on it or its service) or listed public; public routes are read-only. */
export function checkAuthCoverage(doc: KongDeclarative, publicRoutes: Record<string, string[] | 'any'>): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const { route, service } of allRoutes(doc)) {
    const name = route.name ?? `${service.name}:${(route.paths ?? []).join(',')}`;
    seen.add(name);
    const jwt = [...(route.plugins ?? []), ...(service.plugins ?? [])].some(
      (p) => p.name === 'jwt' && p.enabled !== false,
    );
    const allowed = publicRoutes[name];
    const tagged = (route.tags ?? []).includes('public');
    if (!jwt && !allowed) errors.push(`route ${name} has no jwt plugin and is not in the public list`);
    if (allowed && jwt) errors.push(`route ${name} is listed public but carries the jwt plugin`);
    if (Boolean(allowed) !== tagged) errors.push(`route ${name}: the 'public' tag and the public list disagree`);
    if (allowed && allowed !== 'any') {
      const methods = route.methods?.map((m) => m.toUpperCase());
      if (!methods) errors.push(`public route ${name} must restrict its methods`);
      for (const m of methods ?? []) {
        if (!SAFE_METHODS.has(m) && !allowed.includes(m)) errors.push(`public route ${name} allows ${m}`);
      }
    }
  }
  for (const name of Object.keys(publicRoutes)) {
    if (!seen.has(name)) errors.push(`public list names route ${name}, which kong.yaml does not have`);
  }
  return errors;
}

/**
 * Every directory in services/ has a Kong service `<dir>-service` with routes, and no Kong service is
 * orphaned; `infrastructure` names the Kong services of other components (Keycloak's public pages).
 */
export function checkServiceInventory(
  doc: KongDeclarative,
  serviceDirs: string[],
  infrastructure: string[] = [],
): string[] {
  const errors: string[] = [];
  const kong = new Map((doc.services ?? []).map((s) => [s.name, s]));
  const routed = new Set(allRoutes(doc).map(({ service }) => service.name));
  for (const dir of serviceDirs) {
    if (!kong.has(`${dir}-service`)) errors.push(`services/${dir} has no Kong service ${dir}-service`);
    else if (!routed.has(`${dir}-service`)) errors.push(`Kong service ${dir}-service has no route`);
  }
  for (const name of kong.keys()) {
    if (infrastructure.includes(name)) continue;
    if (!serviceDirs.includes(name.replace(/-service$/, '')))
      errors.push(`Kong service ${name} has no services/ directory`);
  }
  return errors;
}

/** Health, metrics and API docs are internal: no route may reach them. */
export function checkInternalPathsHidden(doc: KongDeclarative): string[] {
  const probes = ['/health', '/health/live', '/health/ready', '/metrics'];
  return allRoutes(doc).flatMap(({ route }) =>
    (route.paths ?? [])
      .map(pathMatcher)
      .filter((m) => probes.some((p) => m.test(p)))
      .map((m) => `route ${route.name}: path ${m.source} exposes health/metrics`),
  );
}

const INTERNAL_OPENAPI = /^\/(health|metrics)(\/|$)|\/docs(\/|-json|$)/;

/** An OpenAPI path made concrete so a Kong regex can be tested against it. */
const concrete = (openapiPath: string): string => openapiPath.replace(/\{[^}]+\}/g, 'x1');

function coversPrefix(kongPath: string, openapiPath: string): boolean {
  const path = concrete(openapiPath);
  if (kongPath.startsWith('~')) return pathMatcher(kongPath).test(path);
  const base = kongPath.endsWith('/') ? kongPath : `${kongPath}/`;
  return path === kongPath || path.startsWith(base);
}

/**
 * Kong paths of one service against the paths its OpenAPI document declares: each Kong path must
 * lead to at least one operation, and each operation must be reachable through some route.
 */
export function checkPathsAgainstOpenApi(doc: KongDeclarative, serviceName: string, openapiPaths: string[]): string[] {
  const errors: string[] = [];
  const served = openapiPaths.filter((p) => !INTERNAL_OPENAPI.test(p));
  const kongPaths = allRoutes(doc)
    .filter(({ service }) => service.name === serviceName)
    .flatMap(({ route }) => route.paths ?? []);
  for (const kongPath of kongPaths) {
    if (kongPath === '/socket.io') continue; // served by the Socket.IO engine, not in OpenAPI
    if (!served.some((p) => coversPrefix(kongPath, p))) {
      errors.push(`${serviceName}: Kong path ${kongPath} matches no path in the service's OpenAPI document`);
    }
  }
  for (const p of served) {
    if (!kongPaths.some((k) => coversPrefix(k, p))) errors.push(`${serviceName}: OpenAPI path ${p} has no Kong route`);
  }
  return errors;
}

/**
 * The identity header contract in the function plugin's Lua: a GLOBAL post-function (it runs after
 * jwt and on every route, public ones too) whose code clears X-Userinfo, X-Authenticated-Userid,
 * X-Consumer-* and X-Credential-* before it sets X-Userinfo / X-Authenticated-Userid, and before any
 * early return; no route or service replaces that plugin.
 */
export function checkHeaderContract(doc: KongDeclarative): string[] {
  const errors: string[] = [];
  const functions = allPlugins(doc).filter(({ plugin }) => FUNCTION_PLUGINS.has(plugin.name));
  for (const { where, plugin } of functions) {
    if (where !== 'global')
      errors.push(`${where}: ${plugin.name} must be global only (a scoped one replaces the header strip)`);
  }
  const setter = functions.find(({ where, plugin }) => where === 'global' && plugin.name === 'post-function');
  if (!setter) return [...errors, 'no global post-function plugin sets the identity headers'];
  const access = (setter.plugin.config?.access as string[] | undefined) ?? [];
  if (access.length === 0) return [...errors, 'the post-function has no access-phase code'];
  const lua = access.join('\n').replace(/--[^\n]*/g, '');

  const first = (re: RegExp): number => {
    const m = re.exec(lua);
    return m ? m.index : -1;
  };
  const clearOf = (name: string): number => first(new RegExp(`clear_header\\(\\s*["']${name}["']\\s*\\)`, 'i'));
  const clearUserinfo = clearOf('X-Userinfo');
  const clearUserid = clearOf('X-Authenticated-Userid');
  const wildcard = (prefix: string): number =>
    first(new RegExp(`\\^x%-${prefix}%-`, 'i')) >= 0 && first(/clear_header\(\s*name\s*\)/) >= 0
      ? Math.max(first(new RegExp(`\\^x%-${prefix}%-`, 'i')), first(/clear_header\(\s*name\s*\)/))
      : -1;
  const clearConsumer = wildcard('consumer');
  const clearCredential = wildcard('credential');
  const strips = {
    'X-Userinfo': clearUserinfo,
    'X-Authenticated-Userid': clearUserid,
    'X-Consumer-*': clearConsumer,
    'X-Credential-*': clearCredential,
  };
  for (const [name, at] of Object.entries(strips)) if (at < 0) errors.push(`the post-function never clears ${name}`);
  const lastStrip = Math.max(...Object.values(strips));

  const setUserinfo = first(/set_header\(\s*["']X-Userinfo["']/i);
  const setUserid = first(/set_header\(\s*["']X-Authenticated-Userid["']/i);
  if (setUserinfo < 0 || setUserid < 0)
    errors.push('the post-function does not set X-Userinfo and X-Authenticated-Userid');
  for (const at of [setUserinfo, setUserid]) {
    if (at >= 0 && at < lastStrip) errors.push('identity headers are set before all client-sent ones are cleared');
  }
  // An early `return` before the strip would skip it (e.g. on public routes); exiting with a response is fine.
  const earlyReturn = /\breturn\b(?!\s+kong\.response\.exit)/g;
  const firstReturn = earlyReturn.exec(lua)?.index ?? Infinity;
  if (firstReturn < lastStrip) errors.push('the post-function can return before it has cleared the identity headers');
  if (first(/authenticated_jwt_token/) >= 0 && first(/authenticated_jwt_token/) < lastStrip) {
    errors.push('the post-function looks at the token before clearing the identity headers');
  }
  return errors;
}

/**
 * Routes that carry large bodies stream them: Kong buffers request and response bodies by default,
 * which would hold a 500 MB upload (or a video download) at the gateway before the service sees a byte.
 * A size limit on such a route must not accept a body without Content-Length (it would read it whole).
 */
export function checkStreamingRoutes(
  doc: KongDeclarative,
  streaming: { requests: string[]; responses: string[] },
): string[] {
  const routes = new Map(allRoutes(doc).map(({ route }) => [route.name, route]));
  const problems: string[] = [];
  for (const name of streaming.requests) {
    const route = routes.get(name);
    if (!route) problems.push(`streaming route ${name} is missing`);
    else {
      if (route.request_buffering !== false) problems.push(`route ${name} buffers request bodies`);
      const limit = route.plugins?.find((p) => p.name === 'request-size-limiting');
      if (limit && limit.config?.require_content_length !== true) {
        problems.push(`route ${name}: request-size-limiting would read a body without Content-Length whole`);
      }
    }
  }
  for (const name of streaming.responses) {
    const route = routes.get(name);
    if (!route) problems.push(`streaming route ${name} is missing`);
    else if (route.response_buffering !== false) problems.push(`route ${name} buffers responses`);
  }
  return problems;
}

/** A Socket.IO service reaches its instances through an upstream that keeps a session on one instance. */
export function checkSessionAffinity(doc: KongDeclarative, serviceName: string): string[] {
  const service = doc.services?.find((s) => s.name === serviceName);
  if (!service) return [`service ${serviceName} is missing`];
  const host = service.host ?? (service.url ? new URL(service.url).hostname : undefined);
  const upstream = doc.upstreams?.find((u) => u.name === host);
  if (!upstream) return [`service ${serviceName} does not go through an upstream (no session affinity)`];
  const sticky =
    upstream.algorithm === 'consistent-hashing' && upstream.hash_on === 'cookie' && !!upstream.hash_on_cookie;
  const problems = sticky ? [] : [`upstream ${upstream.name} does not hash on a cookie`];
  if (!upstream.targets?.length) problems.push(`upstream ${upstream.name} has no targets`);
  return problems;
}
