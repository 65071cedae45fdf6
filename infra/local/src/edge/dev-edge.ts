// DEVELOPMENT AND TESTS ONLY — a stand-in for Kong that reads gateway/kong.yaml. Production runs the
// real Kong (docker-compose). It applies the same route inventory, public routes, limits, CORS,
// correlation id and the identity header contract: strip client-sent identity headers on every
// route, then set them from a verified token on authenticated routes.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { BodyTooLarge, ByteLimit } from './body-limit';
import { setIdentityHeaders, stripIdentityHeaders } from './header-contract';
import { loadEdgeConfig, matchRoute, type EdgeConfig, type EdgeRoute } from './kong-config';
import { collectTokens, createTokenVerifier, TokenRejected, type VerifiedToken } from './token-verifier';

export interface DevEdgeOptions {
  port?: number;
  host?: string;
  kongFile: string;
  /** Upstream base URLs by short name (`user`) or Kong service name (`user-service`). */
  upstreams?: Record<string, string>;
  /** Issuer accepted instead of the jwt secret's key in kong.yaml (e.g. a test identity provider). */
  issuer?: string;
  /** Defaults to `<issuer>/protocol/openid-connect/certs`, like Keycloak. */
  jwksUrl?: string;
  /** Overrides kong.yaml's rate-limiting windows (e.g. for a seed script); `false` turns it off. */
  rateLimit?: { second?: number; minute?: number; hour?: number } | false;
  /** Overrides the CORS origins of kong.yaml. */
  corsOrigins?: string[];
  logger?: boolean;
}

export interface DevEdge {
  url: string;
  config: EdgeConfig;
  stop(): Promise<void>;
}

interface EdgeState {
  route?: EdgeRoute;
  identity?: VerifiedToken;
  limit?: ByteLimit;
}

const state = new WeakMap<FastifyRequest['raw'], EdgeState>();
const kongError = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send({ message });

function resolveUpstreams(config: EdgeConfig, overrides: Record<string, string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const service of config.services.values()) {
    const short = service.name.replace(/-service$/, '');
    const url = overrides[service.name] ?? overrides[short] ?? service.url;
    result.set(service.name, url.replace(/\/+$/, ''));
  }
  return result;
}

export async function startDevEdge(options: DevEdgeOptions): Promise<DevEdge> {
  const config = loadEdgeConfig(options.kongFile);
  const upstreams = resolveUpstreams(config, options.upstreams ?? {});
  const issuers = options.issuer ? [options.issuer] : config.jwt.issuers;
  if (issuers.length === 0)
    throw new Error('kong.yaml has no RS256 jwt secret (issuer) and no issuer option was given');
  const jwksUrl = options.jwksUrl ?? `${issuers[0]}/protocol/openid-connect/certs`;
  const verify = await createTokenVerifier(jwksUrl, issuers, config.jwt.claimsToVerify);
  const correlationHeader = (config.correlation?.header ?? 'X-Correlation-Id').toLowerCase();

  const app = Fastify({ logger: options.logger ?? false, trustProxy: false, bodyLimit: Number.MAX_SAFE_INTEGER });

  // Bodies are never parsed or buffered: each one is handed to the proxy as a stream, counted on the way.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req, payload, done) => {
    const limit = state.get(req.raw)?.limit;
    done(null, limit ? payload.pipe(limit) : payload);
  });

  if (config.cors) {
    const origins = options.corsOrigins ?? config.cors.origins;
    await app.register(cors, {
      origin: origins.includes('*') ? true : origins,
      methods: config.cors.methods,
      allowedHeaders: config.cors.headers,
      exposedHeaders: config.cors.exposedHeaders,
      credentials: config.cors.credentials,
      maxAge: config.cors.maxAge,
    });
  }

  await app.register(rateLimit, { global: false });
  const limits: { second?: number; minute?: number; hour?: number } =
    options.rateLimit === false ? {} : { ...config.rateLimit, ...options.rateLimit };
  const windows = (['second', 'minute', 'hour'] as const)
    .filter((w) => limits[w])
    .map((w) => ({
      check: app.createRateLimit({
        max: limits[w]!,
        timeWindow: { second: 1_000, minute: 60_000, hour: 3_600_000 }[w],
        // limit_by ip (see kong.yaml); the dev edge has no trusted proxy in front of it.
        keyGenerator: (req) => `${w}:${req.ip}`,
      }),
    }));

  app.addHook('onRequest', async (request, reply) => {
    const correlationId = (request.headers[correlationHeader] as string | undefined) || randomUUID();
    request.headers[correlationHeader] = correlationId;
    if (config.correlation?.echo !== false) reply.header(correlationHeader, correlationId);

    const url = new URL(request.url, 'http://edge.invalid');
    const route = matchRoute(config.routes, request.method, url.pathname);
    if (!route) return kongError(reply, 404, 'no Route matched with those values');
    const entry: EdgeState = { route };
    state.set(request.raw, entry);

    // 1. strip — every route, public ones included.
    stripIdentityHeaders(request.headers);

    // 2. authenticate (jwt plugin) on authenticated routes.
    if (route.authenticated) {
      const tokens = collectTokens(request.raw, url, config.jwt);
      if (tokens.size === 0) return kongError(reply, 401, 'Unauthorized');
      if (tokens.size > 1) return kongError(reply, 401, 'Multiple tokens provided');
      try {
        entry.identity = await verify([...tokens][0]);
      } catch (error) {
        return kongError(reply, 401, error instanceof TokenRejected ? error.message : 'Unauthorized');
      }
    }

    // 3. request-size-limiting: declared length first, streamed bytes counted by the body parser.
    if (route.maxBodyBytes !== undefined) {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > route.maxBodyBytes) {
        reply.header('connection', 'close');
        return kongError(reply, 413, 'Request size limit exceeded');
      }
      entry.limit = new ByteLimit(route.maxBodyBytes);
    }

    // 4. rate-limiting.
    for (const window of windows) {
      const result = await window.check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
        reply.header('ratelimit-limit', String(result.max)).header('ratelimit-remaining', '0');
        return kongError(reply, 429, 'API rate limit exceeded');
      }
    }
    return undefined;
  });

  // 5. what reaches the upstream: strip again on the outgoing copy, then set from the verified token.
  const upstreamHeaders = (request: FastifyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders => {
    const out: IncomingHttpHeaders = { ...headers };
    stripIdentityHeaders(out);
    const identity = state.get(request.raw)?.identity;
    if (identity) setIdentityHeaders(out, identity.payloadJson, identity.sub);
    const forwardedFor = request.headers['x-forwarded-for'];
    out['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, ${request.ip}` : request.ip;
    out['x-forwarded-proto'] = 'http';
    out['x-forwarded-host'] = request.headers.host;
    out['x-real-ip'] = request.ip;
    return out;
  };

  const onProxyError = (reply: FastifyReply, error: Error & { statusCode?: number }): void => {
    const entry = state.get(reply.request.raw);
    if (entry?.limit?.exceeded || error instanceof BodyTooLarge) {
      reply.header('connection', 'close');
      kongError(reply, 413, 'Request size limit exceeded');
      return;
    }
    const status = error.statusCode === 504 ? 504 : 502;
    kongError(
      reply,
      status,
      status === 504
        ? 'The upstream server is timing out'
        : 'An invalid response was received from the upstream server',
    );
  };

  const upstreamOf = (request: FastifyRequest): string => {
    const route = state.get(request.raw)?.route;
    return route ? upstreams.get(route.service)! : 'http://127.0.0.1:9';
  };
  const replyOptions = {
    getUpstream: upstreamOf,
    rewriteRequestHeaders: upstreamHeaders,
    onError: (reply: FastifyReply, { error }: { error: Error }) => onProxyError(reply, error),
  } as FastifyHttpProxyOptions['replyOptions'];
  const keepOurBodyParser: FastifyHttpProxyOptions['preValidation'] = (_request, _reply, done) => done();
  const methods = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

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
            for (const name of ['authorization', 'cookie', 'origin', 'user-agent', correlationHeader]) {
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
  return {
    url: address.startsWith('http://[') ? `http://127.0.0.1:${port}` : address,
    config,
    stop: () => app.close(),
  };
}
