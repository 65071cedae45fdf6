// DEVELOPMENT AND TESTS ONLY: Kong 3.9's jwt plugin (kong/plugins/jwt/handler.lua and jwt_parser.lua)
// and the identity half of kong.yaml's post-function, over the credentials rendered into kong.yaml —
// no JWKS is fetched, so the dev edge refuses exactly the tokens Kong would (a key the file does not
// carry, another algorithm, a bad signature, exp, then the post-function's iss/aud/sub checks).
import { verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { JwtCredential, JwtSettings } from './kong-config';

/** The audience realm tokens carry for the ProDvor API (each client's audience mapper). */
export const API_AUDIENCE = 'prodvor-api';

/** An answer Kong gives with `kong.response.exit(status, body, headers)`. */
export class KongRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : JSON.stringify(body));
  }
}

export interface AuthenticatedToken {
  token: string;
  credential: JwtCredential;
}

export interface VerifiedIdentity {
  sub: string;
  /** The token's payload as sent (base64url-decoded JSON text): X-Userinfo is its base64. */
  payloadJson: string;
}

/** Algorithms Kong's jwt parser knows (`alg_verify`); any other `alg` is a bad token. */
const KNOWN_ALGS = new Set(
  ['HS', 'RS', 'ES', 'PS'].flatMap((family) => ['256', '384', '512'].map((bits) => family + bits)).concat('EdDSA'),
);
const RSA_DIGESTS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

const WWW_AUTHENTICATE = 'Bearer';
const INVALID_TOKEN = 'Bearer error="invalid_token"';
const refuse = (message: string, challenge = INVALID_TOKEN): KongRefusal =>
  new KongRefusal(401, { message }, { 'WWW-Authenticate': challenge });

/**
 * The tokens of a request as the jwt plugin collects them: each configured query parameter and cookie,
 * then the first value of each configured header matching `Bearer <token>`. Distinct tokens are a set.
 */
export function collectTokens(req: IncomingMessage, url: URL, settings: JwtSettings): Set<string> {
  const tokens = new Set<string>();
  for (const name of settings.uriParamNames) {
    for (const value of url.searchParams.getAll(name)) if (value) tokens.add(value);
  }
  if (settings.cookieNames.length > 0 && req.headers.cookie) {
    for (const part of req.headers.cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (settings.cookieNames.includes(name) && rest.join('=')) tokens.add(rest.join('='));
    }
  }
  for (const name of settings.headerNames) {
    // Kong reads the first of repeated headers (and nginx forwards them all; Node keeps the first).
    const index = req.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name);
    if (index < 0) continue;
    const match = /\s*[Bb]earer\s+(.+)/.exec(req.rawHeaders[index + 1]);
    if (match && match[1] !== '') tokens.add(match[1]);
  }
  return tokens;
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const decodeSegment = (segment: string | undefined): Buffer | undefined =>
  segment !== undefined && BASE64URL.test(segment) ? Buffer.from(segment, 'base64url') : undefined;

function decodeJson(segment: string | undefined): Record<string, unknown> {
  const bytes = decodeSegment(segment);
  try {
    const value: unknown = bytes ? JSON.parse(bytes.toString('utf8')) : undefined;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw refuse('Bad token; invalid JSON');
}

function verifySignature(alg: string, input: string, signature: Buffer, key: KeyObject | undefined): boolean {
  const digest = RSA_DIGESTS[alg];
  if (!digest || !key) return false;
  try {
    return verify(digest, Buffer.from(input), key, signature);
  } catch {
    return false;
  }
}

/**
 * The jwt plugin's access phase for one request: its token, the credential named by `key_claim_name`
 * (`kid`), the algorithm that credential has, the signature, then `claims_to_verify`. Throws Kong's 401.
 */
export function authenticate(
  tokens: Set<string>,
  settings: JwtSettings,
  nowSeconds = Date.now() / 1000,
): AuthenticatedToken {
  if (tokens.size === 0) throw refuse('Unauthorized', WWW_AUTHENTICATE);
  if (tokens.size > 1) throw refuse('Multiple tokens provided');
  const [token] = tokens;
  // jwt_parser's tokenize(token, ".", 3): the third part keeps any further dots.
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  const parts = second < 0 ? [token] : [token.slice(0, first), token.slice(first + 1, second), token.slice(second + 1)];
  const header = decodeJson(parts[0]);
  const claims = decodeJson(parts[1]);
  const signature = decodeSegment(parts[2]);
  if (typeof header.alg !== 'string' || !KNOWN_ALGS.has(header.alg)) throw refuse('Bad token; invalid alg');
  if (!signature) throw refuse('Bad token; invalid signature');

  const claim = settings.keyClaimName;
  const keyValue = claims[claim] ?? header[claim];
  if (keyValue === undefined || keyValue === null || keyValue === false)
    throw refuse(`No mandatory '${claim}' in claims`);
  if (keyValue === '') throw refuse(`Invalid '${claim}' in claims`);
  const credential = typeof keyValue === 'string' ? settings.credentials.get(keyValue) : undefined;
  if (!credential) throw refuse(`No credentials found for given '${claim}'`);
  if (header.alg !== credential.algorithm) throw refuse('Invalid algorithm');
  if (!credential.algorithm.startsWith('HS') && !credential.publicKey) throw refuse('Invalid key/secret');
  if (!verifySignature(header.alg, `${parts[0]}.${parts[1]}`, signature, credential.publicKey))
    throw refuse('Invalid signature');

  const errors: Record<string, string> = {};
  for (const name of settings.claimsToVerify) {
    const value = claims[name];
    if (typeof value !== 'number') errors[name] = 'must be a number';
    else if (name === 'exp' && value <= Math.floor(nowSeconds)) errors[name] = 'token expired';
    else if (name === 'nbf' && value > Math.floor(nowSeconds)) errors[name] = 'token not valid yet';
  }
  if (Object.keys(errors).length > 0) throw new KongRefusal(401, errors, { 'WWW-Authenticate': INVALID_TOKEN });
  return { token, credential };
}

/**
 * kong.yaml's post-function after the jwt plugin verified a token: `sub` present, `iss` equal to the
 * credential's consumer's custom_id (the rendered realm issuer), `aud` including prodvor-api.
 */
export function identityOf({ token, credential }: AuthenticatedToken): VerifiedIdentity {
  const unauthorized = refuse('Unauthorized');
  const segment = /^[^.]+\.([^.]+)\./.exec(token)?.[1];
  if (!segment) throw unauthorized;
  const payloadJson = Buffer.from(segment, 'base64url').toString('utf8');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(payloadJson) as Record<string, unknown>;
  } catch {
    throw unauthorized;
  }
  if (typeof claims !== 'object' || claims === null || typeof claims.sub !== 'string' || claims.sub === '')
    throw unauthorized;
  if (!credential.issuer || claims.iss !== credential.issuer) throw unauthorized;
  const audiences = Array.isArray(claims.aud) ? (claims.aud as unknown[]) : [claims.aud];
  if (!audiences.includes(API_AUDIENCE)) throw unauthorized;
  return { sub: claims.sub, payloadJson };
}
