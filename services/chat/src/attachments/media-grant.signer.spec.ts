import { AppConfig, Clock, ConfigValidationError, DomainError, verifyMediaGrant } from '@prodvor/platform';
import { chatConfigSchema, type ChatConfig } from '../config/chat.config';
import { ATTACHMENT_GRANT_TTL_SECONDS, MediaGrantSigner } from './media-grant.signer';

const SECRET = 'unit-test-media-grant-secret-0123456789';

function configWith(values: Partial<ChatConfig>): AppConfig<ChatConfig> {
  // The signer reads only these two values; the rest of the configuration does not matter here.
  return new AppConfig(values as ChatConfig, chatConfigSchema);
}

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  override now(): Date {
    return this.at;
  }
}

describe('MediaGrantSigner', () => {
  const now = new Date('2026-12-03T08:00:00Z');
  const claims = {
    mediaId: '0193a0c0-0000-7000-8000-000000000001',
    viewerId: '0193a0c0-0000-7000-8000-000000000002',
    roomId: '0193a0c0-0000-7000-8000-000000000003',
  };

  it('signs grants that live ATTACHMENT_GRANT_TTL_SECONDS from the clock', async () => {
    const signer = new MediaGrantSigner(
      configWith({ MEDIA_GRANT_SECRET: SECRET, NODE_ENV: 'test' }),
      new FixedClock(now),
    );
    const { grant, expiresAt } = await signer.sign(claims);
    expect(expiresAt.getTime() - now.getTime()).toBe(ATTACHMENT_GRANT_TTL_SECONDS * 1000);
    expect(await verifyMediaGrant(SECRET, grant, claims, { now })).toEqual(claims);
  });

  it('answers 503 without a secret outside production, and refuses to start without one in production', async () => {
    const signer = new MediaGrantSigner(configWith({ NODE_ENV: 'test' }), new FixedClock(now));
    const error = await signer.sign(claims).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'CHAT_MEDIA_GRANTS_UNAVAILABLE', status: 503 });
    expect(() => new MediaGrantSigner(configWith({ NODE_ENV: 'production' }), new FixedClock(now))).toThrow(
      ConfigValidationError,
    );
  });
});
