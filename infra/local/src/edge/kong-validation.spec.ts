import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { KongDeclarative } from './kong-config';
import {
  checkAffinityCookiePath,
  checkBodyLengthRule,
  checkCredentials,
  checkHostsResolve,
  checkJwtSettings,
  checkRegexes,
  type KongConsumer,
} from './kong-integrity';
import { checkKongSchemas, loadKongSchemas } from './kong-schema';
import { KONG_FILE, loadRenderer } from './testing/edge-fixtures';

/**
 * What Kong 3.9 would refuse at start (or get wrong at the first request) in gateway/kong.yaml and in the
 * file rendered from it: plugin names and config fields against the checked-in allow-list of Kong's
 * schemas, regexes, keys, hosts, and the gateway's own rules (kid, no ?jwt=, chunked bodies, affinity).
 */
const ROOT = resolve(__dirname, '../../../..');
const ISSUER = 'http://localhost:8000/realms/prodvor';
const schemas = loadKongSchemas();

/** Compose service names and their network aliases: the hosts Kong can reach. */
function composeHosts(): string[] {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { networks?: string[] | Record<string, { aliases?: string[] } | null> }>;
  };
  return Object.entries(compose.services).flatMap(([name, service]) => [
    name,
    ...(Array.isArray(service.networks) ? [] : Object.values(service.networks ?? {})).flatMap((n) => n?.aliases ?? []),
  ]);
}

// A JSON copy: YAML aliases (*jwt) would otherwise share one object between routes.
const load = (text: string): KongDeclarative =>
  JSON.parse(JSON.stringify(parse(text, { merge: true }))) as KongDeclarative;
const template = (): KongDeclarative => load(readFileSync(KONG_FILE, 'utf8'));
let renderedText: string;
const rendered = (): KongDeclarative => load(renderedText);
const consumer = (doc: KongDeclarative): KongConsumer => doc.consumers![0];
const plugin = (doc: KongDeclarative, name: string) => doc.plugins!.find((p) => p.name === name)!;
const route = (doc: KongDeclarative, name: string) =>
  doc.services!.flatMap((s) => s.routes ?? []).find((r) => r.name === name)!;

beforeAll(async () => {
  const { renderKongConfig } = await loadRenderer();
  const jwk = (kid: string) => ({
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }),
    kid,
    alg: 'RS256',
    use: 'sig',
  });
  const jwks = { keys: [jwk('realm-key-1'), jwk('realm-key-2'), { ...jwk('enc-key'), alg: 'RSA-OAEP', use: 'enc' }] };
  renderedText = renderKongConfig({ template: readFileSync(KONG_FILE, 'utf8'), issuer: ISSUER, jwks }).yaml;
});

describe('kong.yaml against the Kong 3.9 OSS schemas (gateway/kong-3.9-schemas.json)', () => {
  it('passes as template and as rendered file', () => {
    expect(schemas.kongVersion).toMatch(/^3\.9\./);
    expect(checkKongSchemas(template(), schemas)).toEqual([]);
    expect(checkKongSchemas(rendered(), schemas)).toEqual([]);
  });

  it('fails on an unknown plugin field, a wrong type or value, and an unknown entity field', () => {
    const doc = template();
    const jwt = route(doc, 'user-api').plugins![0];
    jwt.config = { ...jwt.config, uri_param_nams: [] };
    plugin(doc, 'rate-limiting').config!.second = '20';
    plugin(doc, 'rate-limiting').config!.limit_by = 'user';
    (doc.upstreams![0] as unknown as Record<string, unknown>).hash_on_cookie_pth = '/';
    expect(checkKongSchemas(doc, schemas)).toEqual([
      'services[user-service].routes[user-api].plugins[jwt].config.uri_param_nams: unknown field',
      'upstreams[chat-service.upstream].hash_on_cookie_pth: unknown field',
      'plugins[rate-limiting].config.second: expected a number, got "20"',
      'plugins[rate-limiting].config.limit_by: "user" is not one of consumer, credential, ip, service, header, path',
    ]);
  });

  it('fails on a plugin Kong 3.9 OSS does not bundle (or the allow-list lacks)', () => {
    const doc = template();
    doc.services![0].plugins = [{ name: 'openid-connect', config: {} }];
    expect(checkKongSchemas(doc, schemas)).toEqual([
      'services[user-service].plugins[openid-connect]: plugin "openid-connect" is not in the Kong 3.9.1 OSS allow-list',
    ]);
  });

  it('fails on a bad route path, a missing required field and an empty function plugin', () => {
    const doc = template();
    route(doc, 'team-api').paths!.push('api/v1/teams', '/api//v1');
    delete (doc.upstreams![0].targets![0] as { target?: string }).target;
    plugin(doc, 'pre-function').config = {};
    expect(checkKongSchemas(doc, schemas)).toEqual([
      'services[team-service].routes[team-api].paths[4]: "api/v1/teams" does not match ^~?/(?!.*//)',
      'services[team-service].routes[team-api].paths[5]: "/api//v1" does not match ^~?/(?!.*//)',
      'upstreams[chat-service.upstream].targets[0].target: required field missing',
      'plugins[pre-function].config: needs at least one of certificate, rewrite, access, header_filter, body_filter, log',
    ]);
  });
});

describe('kong.yaml integrity', () => {
  it('compiles every route regex and CORS origin (JavaScript RegExp standing in for PCRE)', () => {
    expect(checkRegexes(template())).toEqual([]);
    const doc = template();
    route(doc, 'team-public-reads').paths = ['~/api/v1/teams(/[^/]+?/?$'];
    expect(checkRegexes(doc)).toEqual([
      expect.stringMatching(
        /^route team-public-reads: \/api\/v1\/teams\(\/\[\^\/\]\+\?\/\?\$ does not compile \(.*Unterminated group\)$/,
      ),
    ]);
  });

  it('carries parseable RS256 realm keys, one per kid, on the issuer consumer once rendered', () => {
    expect(checkCredentials(template(), { rendered: false })).toEqual([]);
    expect(checkCredentials(template(), { rendered: true })).toEqual([
      'no jwt credential: render the file from the realm JWKS',
    ]);
    expect(checkCredentials(rendered(), { rendered: true })).toEqual([]);
    expect(consumer(rendered())).toMatchObject({ custom_id: ISSUER });
    expect(consumer(rendered()).jwt_secrets!.map((s) => s.key)).toEqual(['realm-key-1', 'realm-key-2']);
  });

  it('fails on a bogus PEM, a shared-secret credential, a repeated kid and a missing issuer', () => {
    const doc = rendered();
    const [first, second] = consumer(doc).jwt_secrets!;
    first.rsa_public_key = '-----BEGIN PUBLIC KEY-----\nREPLACED-BY-DEPLOYMENT\n-----END PUBLIC KEY-----\n';
    second.key = 'realm-key-1';
    consumer(doc).jwt_secrets!.push({ key: 'hmac', algorithm: 'HS256', secret: 'shared' });
    delete consumer(doc).custom_id;
    expect(checkCredentials(doc, { rendered: true })).toEqual([
      "consumer keycloak-realm: custom_id must be the realm's issuer URL (the post-function compares iss with it)",
      'consumer keycloak-realm: credential realm-key-1: rsa_public_key is not a PEM public key',
      'consumer keycloak-realm: credential realm-key-1: key used twice',
      'consumer keycloak-realm: credential hmac: algorithm HS256 — only RS256 realm keys are allowed',
    ]);
    const weak = rendered();
    consumer(weak).jwt_secrets![0].rsa_public_key = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(checkCredentials(weak, { rendered: true })).toEqual([
      'consumer keycloak-realm: credential realm-key-1: rsa_public_key has 1024 bits (2048 or more)',
    ]);
  });

  it('reaches every service and upstream target through an upstream or a compose service', () => {
    const hosts = composeHosts();
    expect(checkHostsResolve(template(), hosts)).toEqual([]);
    const doc = template();
    doc.services!.find((s) => s.name === 'ai-service')!.url = 'http://ai-servce:3006';
    doc.upstreams![0].targets!.push({ target: 'chat-service-2:3004' });
    expect(checkHostsResolve(doc, hosts)).toEqual([
      'service ai-service: host ai-servce is neither an upstream nor a compose service',
      'upstream chat-service.upstream: target chat-service-2:3004 is not a compose service',
    ]);
  });

  it("keeps the chat affinity cookie on every chat route (a REST answer never resets a socket's)", () => {
    expect(checkAffinityCookiePath(template())).toEqual([]);
    const doc = template();
    (doc.upstreams![0] as { hash_on_cookie_path?: string }).hash_on_cookie_path = '/socket.io';
    expect(checkAffinityCookiePath(doc)).toEqual([
      "route chat-api: path /api/v1/chat is outside the affinity cookie's path /socket.io of chat-service.upstream",
    ]);
  });

  it('reads tokens from the Authorization header only, keyed by kid, exp verified', () => {
    expect(checkJwtSettings(template())).toEqual([]);
    const doc = template();
    const jwt = route(doc, 'ai-api').plugins![0];
    jwt.config = { ...jwt.config, key_claim_name: 'iss', uri_param_names: ['jwt'], claims_to_verify: [] };
    expect(checkJwtSettings(doc)).toEqual([
      'route ai-api: jwt key_claim_name must be kid',
      "route ai-api: jwt uri_param_names must be [] (Kong's default reads ?jwt=)",
      'route ai-api: jwt must verify exp',
    ]);
    delete route(doc, 'ai-api').plugins![0].config!.uri_param_names;
    expect(checkJwtSettings(doc)).toContain(
      "route ai-api: jwt uri_param_names must be [] (Kong's default reads ?jwt=)",
    );
  });

  it('refuses chunked bodies (411) in a global pre-function before request-size-limiting reads them', () => {
    expect(checkBodyLengthRule(template())).toEqual([]);
    const doc = template();
    doc.plugins = doc.plugins!.filter((p) => p.name !== 'pre-function');
    expect(checkBodyLengthRule(doc)).toEqual([
      'no global pre-function refuses chunked bodies (411) before request-size-limiting reads them',
    ]);
  });
});
