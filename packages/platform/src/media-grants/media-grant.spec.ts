import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { redactConfig } from '../config/config.schema';
import { loadJose } from '../identity/jose-loader';
import {
  MEDIA_GRANT_AUDIENCE,
  MEDIA_GRANT_ISSUER,
  MEDIA_GRANT_TYPE,
  mediaGrantSecretSchema,
  signMediaGrant,
  verifyMediaGrant,
} from './media-grant';

const SECRET = 'a-test-media-grant-secret-of-32-chars!';
const OTHER_SECRET = 'another-media-grant-secret-32-characters';

function claims() {
  return { mediaId: randomUUID(), viewerId: randomUUID(), roomId: randomUUID() };
}

/**
 * Changes the signature's first character. (Not its last: the last base64url character of a 32-byte
 * HMAC carries two padding bits, so A↔B there may decode to the very same signature.)
 */
function tamperSignature(grant: string): string {
  const at = grant.lastIndexOf('.') + 1;
  return grant.slice(0, at) + (grant[at] === 'A' ? 'B' : 'A') + grant.slice(at + 1);
}

function base64url(value: object | Buffer): string {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  return bytes.toString('base64url');
}

describe('media grants', () => {
  const now = new Date('2026-12-03T08:00:00Z');
  const at = (seconds: number) => ({ now: new Date(now.getTime() + seconds * 1000) });

  it('verifies a grant for its media and viewer and returns its claims', async () => {
    const c = claims();
    const { grant, expiresAt } = await signMediaGrant(SECRET, c, 300, { now });
    expect(expiresAt.toISOString()).toBe('2026-12-03T08:05:00.000Z');
    expect(await verifyMediaGrant(SECRET, grant, c, at(60))).toEqual(c);
    const header = JSON.parse(Buffer.from(grant.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'HS256', typ: MEDIA_GRANT_TYPE });
  });

  it('refuses an expired grant', async () => {
    const c = claims();
    const { grant } = await signMediaGrant(SECRET, c, 60, { now });
    expect(await verifyMediaGrant(SECRET, grant, c, at(59))).toEqual(c);
    expect(await verifyMediaGrant(SECRET, grant, c, at(66))).toBeNull();
  });

  it('refuses a grant for other media or another viewer', async () => {
    const c = claims();
    const { grant } = await signMediaGrant(SECRET, c, 300, { now });
    expect(await verifyMediaGrant(SECRET, grant, { ...c, mediaId: randomUUID() }, at(1))).toBeNull();
    expect(await verifyMediaGrant(SECRET, grant, { ...c, viewerId: randomUUID() }, at(1))).toBeNull();
  });

  it('refuses a tampered grant, one signed with another secret, and an unsigned one', async () => {
    const c = claims();
    const { grant } = await signMediaGrant(SECRET, c, 300, { now });
    expect(await verifyMediaGrant(SECRET, tamperSignature(grant), c, at(1))).toBeNull();
    const [header, , signature] = grant.split('.');
    const otherMedia = base64url({ sub: c.viewerId, mid: randomUUID(), rid: c.roomId });
    expect(await verifyMediaGrant(SECRET, `${header}.${otherMedia}.${signature}`, c, at(1))).toBeNull();
    expect(await verifyMediaGrant(OTHER_SECRET, grant, c, at(1))).toBeNull();
    const foreign = await signMediaGrant(OTHER_SECRET, c, 300, { now });
    expect(await verifyMediaGrant(SECRET, foreign.grant, c, at(1))).toBeNull();
    const payload = grant.split('.')[1];
    expect(await verifyMediaGrant(SECRET, `${base64url({ alg: 'none' })}.${payload}.`, c, at(1))).toBeNull();
    expect(await verifyMediaGrant(SECRET, 'not-a-jwt', c, at(1))).toBeNull();
  });

  it('refuses a well-signed token of another type, issuer or with a lifetime over 15 minutes', async () => {
    const c = claims();
    const { SignJWT } = await loadJose();
    const key = new TextEncoder().encode(SECRET);
    const iat = Math.floor(now.getTime() / 1000);
    const base = () =>
      new SignJWT({ mid: c.mediaId, rid: c.roomId })
        .setSubject(c.viewerId)
        .setIssuer(MEDIA_GRANT_ISSUER)
        .setAudience(MEDIA_GRANT_AUDIENCE)
        .setIssuedAt(iat);
    const withoutType = await base()
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(iat + 60)
      .sign(key);
    expect(await verifyMediaGrant(SECRET, withoutType, c, at(1))).toBeNull();
    const wrongIssuer = await base()
      .setIssuer('user')
      .setProtectedHeader({ alg: 'HS256', typ: MEDIA_GRANT_TYPE })
      .setExpirationTime(iat + 60)
      .sign(key);
    expect(await verifyMediaGrant(SECRET, wrongIssuer, c, at(1))).toBeNull();
    const longLived = await base()
      .setProtectedHeader({ alg: 'HS256', typ: MEDIA_GRANT_TYPE })
      .setExpirationTime(iat + 3600)
      .sign(key);
    expect(await verifyMediaGrant(SECRET, longLived, c, at(1))).toBeNull();
    // Hand-made HS512 over the same secret: only HS256 is accepted.
    const header = base64url({ alg: 'HS512', typ: MEDIA_GRANT_TYPE });
    const body = base64url({
      sub: c.viewerId,
      mid: c.mediaId,
      rid: c.roomId,
      iss: MEDIA_GRANT_ISSUER,
      aud: MEDIA_GRANT_AUDIENCE,
      iat,
      exp: iat + 60,
    });
    const hs512 = base64url(createHmac('sha512', SECRET).update(`${header}.${body}`).digest());
    expect(await verifyMediaGrant(SECRET, `${header}.${body}.${hs512}`, c, at(1))).toBeNull();
  });

  it('refuses to sign with a short secret or a lifetime over 15 minutes', async () => {
    await expect(signMediaGrant('short', claims(), 60)).rejects.toThrow(/at least 32/);
    await expect(signMediaGrant(SECRET, claims(), 901)).rejects.toThrow(RangeError);
    await expect(signMediaGrant(SECRET, claims(), 0)).rejects.toThrow(RangeError);
  });

  it('declares the config field as a secret of at least 32 characters', () => {
    const schema = z.object({ MEDIA_GRANT_SECRET: mediaGrantSecretSchema() });
    expect(schema.safeParse({ MEDIA_GRANT_SECRET: 'x'.repeat(31) }).success).toBe(false);
    expect(schema.parse({ MEDIA_GRANT_SECRET: SECRET }).MEDIA_GRANT_SECRET).toBe(SECRET);
    expect(redactConfig(schema, { MEDIA_GRANT_SECRET: SECRET })).toEqual({ MEDIA_GRANT_SECRET: '[REDACTED]' });
  });
});
