import { AppConfig, Clock, ConfigValidationError, signMediaGrant } from '@prodvor/platform';
import { storageConfigSchema, type StorageConfig } from '../config/storage.config';
import { MediaGrantVerifier } from './media-grant.verifier';

const SECRET = 'unit-test-media-grant-secret-0123456789';

function configWith(values: Partial<StorageConfig>): AppConfig<StorageConfig> {
  // The verifier reads only these two values; the rest of the configuration does not matter here.
  return new AppConfig(values as StorageConfig, storageConfigSchema);
}

describe('MediaGrantVerifier', () => {
  const claims = {
    mediaId: '0193a0c0-0000-7000-8000-000000000001',
    viewerId: '0193a0c0-0000-7000-8000-000000000002',
    roomId: '0193a0c0-0000-7000-8000-000000000003',
  };

  it('allows a grant of this media for this viewer at the clock’s time only', async () => {
    const clock = new Clock();
    const verifier = new MediaGrantVerifier(configWith({ MEDIA_GRANT_SECRET: SECRET, NODE_ENV: 'test' }), clock);
    const { grant } = await signMediaGrant(SECRET, claims, 60);
    expect(await verifier.allows(grant, claims.mediaId, claims.viewerId)).toBe(true);
    expect(await verifier.allows(grant, claims.mediaId, claims.roomId)).toBe(false);
    vi.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 120_000));
    expect(await verifier.allows(grant, claims.mediaId, claims.viewerId)).toBe(false);
  });

  it('accepts no grant without a secret, and refuses to start without one in production', async () => {
    const { grant } = await signMediaGrant(SECRET, claims, 60);
    const bare = new MediaGrantVerifier(configWith({ NODE_ENV: 'test' }), new Clock());
    expect(await bare.allows(grant, claims.mediaId, claims.viewerId)).toBe(false);
    expect(() => new MediaGrantVerifier(configWith({ NODE_ENV: 'production' }), new Clock())).toThrow(
      ConfigValidationError,
    );
  });
});
