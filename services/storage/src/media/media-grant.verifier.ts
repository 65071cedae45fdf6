import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, Clock, mediaGrantSecretOf, verifyMediaGrant } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';

/**
 * Checks `X-Media-Grant` values: chat-service's word that a viewer may see one chat attachment (it
 * knows room membership, storage does not). Without `MEDIA_GRANT_SECRET` no grant is accepted; in
 * production the service refuses to start without it.
 */
@Injectable()
export class MediaGrantVerifier {
  private readonly secret?: string;

  constructor(
    @Inject(AppConfig) config: AppConfig<StorageConfig>,
    private readonly clock: Clock,
  ) {
    this.secret = mediaGrantSecretOf(config);
  }

  /** True when `grant` is a valid, unexpired grant of exactly this media for exactly this viewer. */
  async allows(grant: string, mediaId: string, viewerId: string): Promise<boolean> {
    if (!this.secret) return false;
    const claims = await verifyMediaGrant(this.secret, grant, { mediaId, viewerId }, { now: this.clock.now() });
    return claims !== null;
  }
}
