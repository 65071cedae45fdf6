import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KongDeclarative } from './kong-config';
import { KONG_FILE } from './testing/edge-fixtures';

/**
 * The Lua of kong.yaml's pre-function and post-function, executed under Debian's LuaJIT with lua-cjson and
 * a stub of the Kong PDK (testing/kong-pdk-stub.lua) in the sandbox environment Kong gives such code.
 * `npm run setup` installs luajit and lua-cjson (infra/scripts/ensure-system.sh).
 */
const STUB = join(__dirname, 'testing/kong-pdk-stub.lua');
const ISSUER = 'https://id.prodvor.example/realms/prodvor';
const doc = parse(readFileSync(KONG_FILE, 'utf8')) as KongDeclarative;
const code = (name: string): string[] => doc.plugins!.find((p) => p.name === name)!.config!.access as string[];

interface Scenario {
  headers?: Record<string, string | string[]>;
  method?: string;
  /** Headers the jwt plugin set for the service before the post-function runs. */
  upstream?: Record<string, string>;
  token?: string;
  consumer?: { username?: string; custom_id?: string } | null;
}

interface Outcome {
  exit?: { status: number; body?: Record<string, unknown>; message?: string; headers?: Record<string, string> };
  upstream: Record<string, string | string[]>;
  error?: string;
}

function run(chunks: string[], scenario: Scenario): Outcome {
  const input = {
    code: chunks,
    request: { method: scenario.method ?? 'GET', headers: scenario.headers ?? {} },
    upstream: scenario.upstream ?? {},
    token: scenario.token ?? null,
    consumer: scenario.consumer === undefined ? { username: 'keycloak-realm', custom_id: ISSUER } : scenario.consumer,
  };
  const result = spawnSync('luajit', [STUB], { input: JSON.stringify(input), encoding: 'utf8' });
  if (result.error) throw new Error(`luajit could not run (npm run setup installs it): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`luajit failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Outcome;
}

const postFunction = (scenario: Scenario): Outcome => run(code('post-function'), scenario);

/** A token as the jwt plugin hands it on (signature already verified there; not looked at here). */
function token(claims: Record<string, unknown>): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${segment({ alg: 'RS256', typ: 'JWT', kid: 'realm-key-1' })}.${segment(claims)}.c2lnbmF0dXJl`;
}
const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: ISSUER,
  sub: 'f3b3a0d2-user',
  aud: ['prodvor-api', 'account'],
  exp: 4_102_444_800,
  preferred_username: 'anna',
  realm_access: { roles: ['player'] },
  ...overrides,
});

const FORGED = {
  'X-Userinfo': Buffer.from(JSON.stringify({ sub: 'admin', realm_access: { roles: ['admin'] } })).toString('base64'),
  'x-authenticated-userid': 'admin',
  'X-Consumer-Username': 'forged',
  'x-consumer-custom-id': 'forged',
  'X-Credential-Identifier': 'forged',
  'X-Anonymous-Consumer': 'false',
};
/** What the jwt plugin sets for the service after it authenticated the consumer. */
const JWT_PLUGIN_SET = {
  'X-Consumer-ID': '0b1a7d7e-consumer',
  'X-Consumer-Custom-ID': ISSUER,
  'X-Consumer-Username': 'keycloak-realm',
  'X-Credential-Identifier': 'realm-key-1',
};
const identityHeaders = (outcome: Outcome): string[] =>
  Object.keys(outcome.upstream).filter((h) =>
    /^(x-userinfo|x-authenticated-userid|x-anonymous-consumer|x-consumer-|x-credential-)/.test(h),
  );
const refused = {
  status: 401,
  body: { message: 'Unauthorized' },
  headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
};

describe("kong.yaml's post-function under LuaJIT", () => {
  it('strips forged identity headers on a public route (no token) and sets none', () => {
    const outcome = postFunction({ headers: { ...FORGED, Authorization: 'Bearer whatever', 'X-Other': 'kept' } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.exit).toBeUndefined();
    expect(identityHeaders(outcome)).toEqual([]);
    // Authorization goes on to the service, which verifies it itself.
    expect(outcome.upstream).toMatchObject({ authorization: 'Bearer whatever', 'x-other': 'kept' });
  });

  it("sets X-Userinfo and X-Authenticated-Userid from the verified token, over forged ones and the jwt plugin's", () => {
    // A payload whose base64url has '-' or '_', so the URL-safe decoding is exercised.
    let body = claims();
    for (let i = 0; !/[-_]/.test(Buffer.from(JSON.stringify(body)).toString('base64url')); i += 1)
      body = claims({ name: `Аня ${'?'.repeat(i)}>` });
    const jwt = token(body);
    const outcome = postFunction({
      headers: { ...FORGED, Authorization: `Bearer ${jwt}` },
      upstream: JWT_PLUGIN_SET,
      token: jwt,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.exit).toBeUndefined();
    expect(identityHeaders(outcome).sort()).toEqual(['x-authenticated-userid', 'x-userinfo']);
    expect(outcome.upstream['x-authenticated-userid']).toBe('f3b3a0d2-user');
    const userinfo = Buffer.from(outcome.upstream['x-userinfo'] as string, 'base64').toString('utf8');
    expect(userinfo).toBe(JSON.stringify(body));
    expect(outcome.upstream.authorization).toBe(`Bearer ${jwt}`);
  });

  it('accepts a single-string audience', () => {
    const outcome = postFunction({ token: token(claims({ aud: 'prodvor-api' })) });
    expect(outcome.exit).toBeUndefined();
    expect(outcome.upstream['x-authenticated-userid']).toBe('f3b3a0d2-user');
  });

  it.each([
    ['another audience', claims({ aud: ['account', 'some-other-client'] })],
    ['no audience', claims({ aud: undefined })],
    ['another issuer', claims({ iss: 'https://evil.example/realms/prodvor' })],
    ['no issuer', claims({ iss: undefined })],
    ['no sub', claims({ sub: undefined })],
    ['an empty sub', claims({ sub: '' })],
  ])('refuses a token with %s (401) and sets no identity', (_name, body) => {
    const outcome = postFunction({ headers: FORGED, upstream: JWT_PLUGIN_SET, token: token(body) });
    expect(outcome.error).toBeUndefined();
    expect(outcome.exit).toEqual(refused);
    expect(identityHeaders(outcome)).toEqual([]);
  });

  it('refuses every token when the file was not rendered (the consumer has no issuer)', () => {
    expect(postFunction({ token: token(claims()), consumer: { username: 'keycloak-realm' } }).exit).toEqual(refused);
    expect(postFunction({ token: token(claims()), consumer: null }).exit).toEqual(refused);
  });

  it('refuses a token whose payload is not JSON claims', () => {
    expect(postFunction({ token: 'header.bm90IGpzb24.sig' }).exit).toEqual(refused);
    expect(postFunction({ token: 'no-dots-at-all' }).exit).toEqual(refused);
  });

  it('answers 400 to more than 1000 request headers', () => {
    const headers = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`x-h-${i}`, 'v']));
    expect(postFunction({ headers }).exit).toEqual({ status: 400, body: { message: 'Too many request headers' } });
  });

  it('compiles and runs with only the sandbox environment Kong gives function plugins', () => {
    // the stub's environment is kong-lua-sandbox's: os.getenv, io, load* and require beyond cjson.safe fail
    expect(run(['return os.getenv("HOME")'], {}).error).toMatch(/attempt to call field 'getenv'/);
    expect(run(['require("resty.http")'], {}).error).toMatch(/not allowed within sandbox/);
    expect(run(['local x = ('], {}).error).toMatch(/does not compile/);
  });
});

describe("kong.yaml's pre-function under LuaJIT", () => {
  it('answers 411 to a chunked body before any other plugin reads it', () => {
    const outcome = run(code('pre-function'), {
      method: 'POST',
      headers: { 'Transfer-Encoding': 'chunked', Authorization: 'Bearer t' },
    });
    expect(outcome.exit).toEqual({ status: 411, message: 'A valid Content-Length header is required' });
  });

  it('lets bodies with a Content-Length and requests without a body through', () => {
    expect(run(code('pre-function'), { method: 'POST', headers: { 'Content-Length': '12' } })).toEqual({
      upstream: { 'content-length': '12' },
    });
    expect(run(code('pre-function'), { method: 'GET' }).exit).toBeUndefined();
  });
});
