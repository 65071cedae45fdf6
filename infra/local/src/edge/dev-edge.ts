// DEVELOPMENT AND TESTS ONLY — a stand-in for Kong that reads the RENDERED gateway/kong.yaml (see
// infra/gateway/render-kong.mjs). Production runs the real Kong (docker-compose). It applies the same
// route inventory and the plugins kong.yaml configures, in Kong's order: the pre-function's body rule,
// correlation id, CORS, jwt with the rendered credentials (by kid, no JWKS), request size, rate limits,
// then the post-function's header contract — strip client-sent identity headers on every route, set
// them from a verified token. What still differs from Kong is listed in AUTH_IMPLEMENTATION.md.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { setIdentityHeaders, stripIdentityHeaders } from './header-contract';
import { loadEdgeConfig, matchRoute, type EdgeConfig, type EdgeRoute } from './kong-config';
import { corsPreflight, corsResponseHeaders } from './kong-cors';
import { authenticate, collectTokens, identityOf, KongRefusal, type VerifiedIdentity } from './kong-jwt';
import { KongRateLimiter, type Limits } from './kong-rate-limit';
import { kongErrorBody, newRequestId } from './kong-responses';

export interface DevEdgeOptions {
  port?: number;
  host?: string;
  /** The rendered kong.yaml (render-kong.mjs); the template alone carries no key and is refused. */
  kongFile: string;
  /** Upstream base URLs by short name (`user`) or Kong service name (`user-service`). */
  upstreams?: Record<string, string>;
  /** Overrides kong.yaml's rate-limiting windows (e.g. for a seed script); `false` turns it off. */
  rateLimit?: Limits | false;
  /** Overrides the CORS origins of kong.yaml. */
  corsOrigins?: string[];
  logger?: boolean;
}

export interface DevEdge {
  url: string;
  config: EdgeConfig;
  /** Re-reads the kong file (keys, issuer, routes, limits), as `kong reload` does; WebSocket paths stay. */
  reload(): void;
  stop(): Promise<void>;
}

interface EdgeState {
  requestId: string;
  route?: EdgeRoute;
  identity?: VerifiedIdentity;
  /** Headers Kong's plugins put on the answer, whoever gives it (Kong or the upstream). */
  answer: Record<string, string>;
}

const state = new WeakMap<FastifyRequest['raw'], EdgeState>();
const entryOf = (request: FastifyRequest): EdgeState => {
  let entry = state.get(request.raw);
  if (!entry) state.set(request.raw, (entry = { requestId: newRequestId(), answer: {} }));
  return entry;
};

/** kong.response.error: Kong's error template in the negotiated type, with the request id. */
function kongError(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const entry = entryOf(request);
  const { contentType, body } = kongErrorBody(message, entry.requestId, request.headers.accept);
  // A body left unread would be taken for the next request on this connection: close it, as nginx does.
  if (Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined)
    reply.header('connection', 'close');
  return reply.code(status).headers(entry.answer).header('content-type', contentType).send(body);
}

/** kong.response.exit with a table body (the jwt plugin, the post-function). */
function kongExit(request: FastifyRequest, reply: FastifyReply, refusal: KongRefusal): FastifyReply {
  if (Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined)
    reply.header('connection', 'close');
  return reply
    .code(refusal.status)
    .headers(entryOf(request).answer)
    .headers(refusal.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify(refusal.body));
}

function resolveUpstreams(config: EdgeConfig, overrides: Record<string, string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const service of config.services.values()) {
    const short = service.name.replace(/-service$/, '');
    const url = overrides[service.name] ?? overrides[short] ?? service.url;
    result.set(service.name, url.replace(/\/+$/, ''));
  }
  return result;
}

function loadChecked(file: string): EdgeConfig {
  const config = loadEdgeConfig(file);
  if ([...config.jwt.credentials.values()].every((c) => !c.publicKey)) {
    throw new Error(
      `${file} carries no realm key: render it from the realm JWKS first (infra/gateway/render-kong.mjs); ` +
        'unrendered, Kong would refuse every token',
    );
  }
  return config;
}

export async function startDevEdge(options: DevEdgeOptions): Promise<DevEdge> {
  let config = loadChecked(options.kongFile);
  let upstreams = resolveUpstreams(config, options.upstreams ?? {});
  const limiterFor = (c: EdgeConfig): KongRateLimiter =>
    new KongRateLimiter(options.rateLimit === false ? {} : { ...c.rateLimit, ...options.rateLimit });
  let limiter = limiterFor(config);
  const corsOf = (c: EdgeConfig) =>
    c.cors && options.corsOrigins ? { ...c.cors, origins: options.corsOrigins } : c.cors;

  const app = Fastify({ logger: options.logger ?? false, trustProxy: false, bodyLimit: Number.MAX_SAFE_INTEGER });
  // Bodies are never parsed or buffered: each one is handed to the proxy as a stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  // Like nginx, "100 Continue" only once the plugins let the request through (a 413/417 comes first).
  app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res));

  app.addHook('onRequest', async (request, reply) => {
    const entry = entryOf(request);
    entry.answer['X-Kong-Request-Id'] = entry.requestId;
    entry.answer.Via = '1.1 prodvor-dev-edge (Kong stand-in, development only)';
    const url = new URL(request.url, 'http://edge.invalid');
    const route = matchRoute(config.routes, request.method, url.pathname);
    if (!route) return kongError(request, reply, 404, 'no Route matched with those values');
    entry.route = route;

    // pre-function (priority 1000000): a body must declare its length.
    if (config.refuseChunkedBodies && request.headers['transfer-encoding'] !== undefined)
      return kongError(request, reply, 411, 'A valid Content-Length header is required');

    // correlation-id (100001): kept or generated, sent upstream, echoed on every answer.
    if (config.correlation) {
      const name = config.correlation.header.toLowerCase();
      const id = (request.headers[name] as string | undefined) || randomUUID();
      request.headers[name] = id;
      if (config.correlation.echo) entry.answer[config.correlation.header] = id;
    }

    // cors (2000): a preflight is answered here; other answers get the CORS headers.
    const cors = corsOf(config);
    if (cors) {
      const preflight = corsPreflight(cors, request.method, request.headers);
      if (preflight) return reply.code(200).headers(entry.answer).headers(preflight).send();
      Object.assign(entry.answer, corsResponseHeaders(cors, request.headers));
    }

    // jwt (1450), not on OPTIONS (run_on_preflight: false).
    let authenticated: ReturnType<typeof authenticate> | undefined;
    if (route.authenticated && !(request.method === 'OPTIONS' && !config.jwt.runOnPreflight)) {
      try {
        authenticated = authenticate(collectTokens(request.raw, url, config.jwt), config.jwt);
      } catch (error) {
        if (error instanceof KongRefusal) return kongExit(request, reply, error);
        throw error;
      }
    }

    // request-size-limiting (951): judged on Content-Length (chunked bodies never get here).
    if (route.bodyLimit) {
      const declared = request.headers['content-length'];
      if (declared === undefined && route.bodyLimit.requireContentLength)
        return kongError(request, reply, 411, 'A valid Content-Length header is required');
      if (Number(declared ?? 0) > route.bodyLimit.bytes) {
        const expect =
          String(request.headers.expect ?? '')
            .trim()
            .toLowerCase() === '100-continue';
        return kongError(request, reply, expect ? 417 : 413, 'Request size limit exceeded');
      }
    }

    // rate-limiting (910), limit_by ip: the dev edge has no trusted proxy in front of it.
    if (limiter.enabled) {
      const decision = limiter.check(request.ip);
      Object.assign(entry.answer, decision.headers);
      if (!decision.allowed) return kongError(request, reply, 429, 'API rate limit exceeded');
    }

    // post-function (-1000): the identity from the verified token (iss, aud, sub).
    if (authenticated) {
      try {
        entry.identity = identityOf(authenticated);
      } catch (error) {
        if (error instanceof KongRefusal) return kongExit(request, reply, error);
        throw error;
      }
    }

    if (/^\s*100-continue\s*$/i.test(String(request.headers.expect ?? ''))) reply.raw.writeContinue();

    // The balancer of a cookie-hashed upstream sets its cookie on an answer to a request without one.
    const affinity = config.services.get(route.service)?.affinity;
    if (affinity && !new RegExp(`(?:^|;\\s*)${affinity.name}=`).test(request.headers.cookie ?? '')) {
      entry.answer['Set-Cookie'] = `${affinity.name}=${randomUUID()}; Path=${affinity.path}; Same-Site=Lax; HttpOnly`;
    }
    return undefined;
  });

  // What reaches the upstream: the client's headers (Authorization included) minus any identity header,
  // plus the identity from the verified token and the proxy headers.
  const upstreamHeaders = (request: FastifyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders => {
    const out: IncomingHttpHeaders = { ...headers };
    stripIdentityHeaders(out);
    delete out.expect; // answered above
    const entry = entryOf(request);
    if (entry.identity) setIdentityHeaders(out, entry.identity.payloadJson, entry.identity.sub);
    const forwardedFor = request.headers['x-forwarded-for'];
    out['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, ${request.ip}` : request.ip;
    out['x-forwarded-proto'] = 'http';
    out['x-forwarded-host'] = request.headers.host;
    out['x-real-ip'] = request.ip;
    out['x-kong-request-id'] = entry.requestId;
    return out;
  };

  // The plugins' answer headers win over the upstream's (Kong's header_filter runs after the upstream's).
  const answerHeaders = (headers: OutgoingHttpHeaders, request: FastifyRequest): OutgoingHttpHeaders => {
    const out: OutgoingHttpHeaders = { ...headers };
    for (const [name, value] of Object.entries(entryOf(request).answer)) {
      const key = name.toLowerCase();
      if (key === 'set-cookie') out[key] = [...[out[key] ?? []].flat().map(String), value];
      else out[key] = value;
    }
    return out;
  };

  const onProxyError = (reply: FastifyReply, error: Error & { statusCode?: number }): void => {
    const timeout = error.statusCode === 504;
    const message = timeout
      ? 'The upstream server is timing out'
      : 'An invalid response was received from the upstream server';
    kongError(reply.request, reply, timeout ? 504 : 502, message);
  };

  const upstreamOf = (request: FastifyRequest): string => {
    const route = state.get(request.raw)?.route;
    return route ? upstreams.get(route.service)! : 'http://127.0.0.1:9';
  };
  const replyOptions = {
    getUpstream: upstreamOf,
    rewriteRequestHeaders: upstreamHeaders,
    rewriteHeaders: answerHeaders,
    onError: (reply: FastifyReply, { error }: { error: Error }) => onProxyError(reply, error),
  } as FastifyHttpProxyOptions['replyOptions'];
  const keepOurBodyParser: FastifyHttpProxyOptions['preValidation'] = (_request, _reply, done) => done();
  const methods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

  // WebSocket routes (Socket.IO): the polling requests and the upgrade go through @fastify/http-proxy.
  for (const route of config.routes.filter((r) => r.websocket)) {
    for (const path of route.paths.filter((p) => !p.regex)) {
      await app.register(httpProxy, {
        upstream: upstreams.get(route.service)!,
        prefix: path.source,
        rewritePrefix: path.source,
        httpMethods: methods,
        websocket: true,
        preValidation: keepOurBodyParser,
        replyOptions,
        wsClientOptions: {
          rewriteRequestHeaders: (_headers: IncomingHttpHeaders, request: FastifyRequest) => {
            // What the Socket.IO handshake needs; identity travels in the handshake's auth token.
            const out = upstreamHeaders(request, {});
            for (const name of ['authorization', 'cookie', 'origin', 'user-agent', 'x-correlation-id']) {
              const value = request.headers[name];
              if (typeof value === 'string') out[name] = value;
            }
            return out;
          },
        } as FastifyHttpProxyOptions['wsClientOptions'],
      });
    }
  }

  // Everything else: one streaming proxy whose upstream is the matched route's service.
  await app.register(httpProxy, {
    upstream: '',
    prefix: '/',
    httpMethods: methods,
    preValidation: keepOurBodyParser,
    replyOptions,
  });

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const edge: DevEdge = {
    url: address.startsWith('http://[') ? `http://127.0.0.1:${port}` : address,
    config,
    reload: () => {
      config = loadChecked(options.kongFile);
      upstreams = resolveUpstreams(config, options.upstreams ?? {});
      limiter = limiterFor(config);
      edge.config = config;
    },
    stop: () => app.close(),
  };
  return edge;
}
