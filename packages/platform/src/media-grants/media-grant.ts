import { z } from 'zod';
import type { AppConfig } from '../config/config.module';
import { ConfigValidationError, secret, type BaseConfig } from '../config/config.schema';
import { loadJose } from '../identity/jose-loader';

/**
 * Media grants: chat-service vouches that a viewer may see one attachment of a room message, so that
 * storage-service can serve a chat attachment to a room member without knowing room membership and
 * without calling chat. A grant is a compact JWS (HS256) over a secret both services share.
 */
export const MEDIA_GRANT_ISSUER = 'chat';
export const MEDIA_GRANT_AUDIENCE = 'storage';
/** JWS `typ` header: a grant can never pass as another HS256 token signed with a different purpose. */
export const MEDIA_GRANT_TYPE = 'media-grant+jwt';
export const MEDIA_GRANT_MAX_TTL_SECONDS = 900;
export const MEDIA_GRANT_MIN_SECRET_LENGTH = 32;

/** The config field both services declare (`MEDIA_GRANT_SECRET`): secret, at least 32 characters. */
export function mediaGrantSecretSchema() {
  return secret(
    z
      .string()
      .min(MEDIA_GRANT_MIN_SECRET_LENGTH, `must be at least ${MEDIA_GRANT_MIN_SECRET_LENGTH} characters`)
      .optional(),
  );
}

/**
 * The shared secret as a service's config holds it. Outside production it may be absent (grants are
 * off: tests and local runs of other features); production refuses to start without it.
 */
export function mediaGrantSecretOf(
  config: AppConfig<{ NODE_ENV: BaseConfig['NODE_ENV']; MEDIA_GRANT_SECRET?: string }>,
): string | undefined {
  const value = config.get('MEDIA_GRANT_SECRET');
  if (!value && config.get('NODE_ENV') === 'production')
    throw new ConfigValidationError([{ variable: 'MEDIA_GRANT_SECRET', message: 'required in production' }]);
  return value;
}

export interface MediaGrantClaims {
  mediaId: string;
  /** The user the grant is bound to (`sub`): only this caller may use it. */
  viewerId: string;
  /** The room whose message carries the attachment (for audit; storage does not know rooms). */
  roomId: string;
}

export interface SignedMediaGrant {
  grant: string;
  expiresAt: Date;
}

export interface MediaGrantOptions {
  /** The current time (a Clock's `now()`); defaults to the system clock. */
  now?: Date;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  mid: z.string().min(1),
  rid: z.string().min(1),
});

function keyOf(secretValue: string): Uint8Array {
  if (secretValue.length < MEDIA_GRANT_MIN_SECRET_LENGTH)
    throw new Error(`A media grant secret needs at least ${MEDIA_GRANT_MIN_SECRET_LENGTH} characters`);
  return new TextEncoder().encode(secretValue);
}

/** Signs a grant for `claims` that expires `ttlSeconds` (1–900) from now. */
export async function signMediaGrant(
  secretValue: string,
  claims: MediaGrantClaims,
  ttlSeconds: number,
  options: MediaGrantOptions = {},
): Promise<SignedMediaGrant> {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MEDIA_GRANT_MAX_TTL_SECONDS)
    throw new RangeError(`A media grant lives 1–${MEDIA_GRANT_MAX_TTL_SECONDS} seconds`);
  const { SignJWT } = await loadJose();
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const grant = await new SignJWT({ mid: claims.mediaId, rid: claims.roomId })
    .setProtectedHeader({ alg: 'HS256', typ: MEDIA_GRANT_TYPE })
    .setIssuer(MEDIA_GRANT_ISSUER)
    .setAudience(MEDIA_GRANT_AUDIENCE)
    .setSubject(claims.viewerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(keyOf(secretValue));
  return { grant, expiresAt: new Date(expiresAt * 1000) };
}

/**
 * The grant's claims when it is well signed (HS256 only) with `secretValue`, issued by chat for
 * storage, not expired, not longer-lived than 15 minutes, and for exactly `expected` media and viewer;
 * `null` otherwise (the caller answers as for a stranger, so the reason is not told).
 */
export async function verifyMediaGrant(
  secretValue: string,
  grant: string,
  expected: { mediaId: string; viewerId: string },
  options: MediaGrantOptions = {},
): Promise<MediaGrantClaims | null> {
  const { jwtVerify } = await loadJose();
  try {
    const { payload } = await jwtVerify(grant, keyOf(secretValue), {
      algorithms: ['HS256'],
      typ: MEDIA_GRANT_TYPE,
      issuer: MEDIA_GRANT_ISSUER,
      audience: MEDIA_GRANT_AUDIENCE,
      subject: expected.viewerId,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: MEDIA_GRANT_MAX_TTL_SECONDS,
      currentDate: options.now,
      clockTolerance: 5,
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success || claims.data.mid !== expected.mediaId) return null;
    // `maxTokenAge` bounds the age from `iat`; this bounds a grant minted with a far `exp`.
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > MEDIA_GRANT_MAX_TTL_SECONDS) return null;
    return { mediaId: claims.data.mid, viewerId: claims.data.sub, roomId: claims.data.rid };
  } catch {
    return null;
  }
}
