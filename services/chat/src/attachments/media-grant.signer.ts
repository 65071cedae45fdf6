import { Inject, Injectable } from '@nestjs/common';
import {
  AppConfig,
  Clock,
  type MediaGrantClaims,
  mediaGrantSecretOf,
  type SignedMediaGrant,
  signMediaGrant,
} from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { AttachmentErrors } from './attachment.errors';

/** How long a grant lets its viewer fetch the media's URLs from storage (the URLs live 5 min too). */
export const ATTACHMENT_GRANT_TTL_SECONDS = 300;

/**
 * Signs media grants with `MEDIA_GRANT_SECRET`. Without the secret the service still starts outside
 * production (tests, local runs of other features) and the grant route answers 503; production refuses
 * to start, like any missing required setting.
 */
@Injectable()
export class MediaGrantSigner {
  private readonly secret?: string;

  constructor(
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
    private readonly clock: Clock,
  ) {
    this.secret = mediaGrantSecretOf(config);
  }

  async sign(claims: MediaGrantClaims): Promise<SignedMediaGrant> {
    if (!this.secret) throw AttachmentErrors.grantsUnavailable();
    return signMediaGrant(this.secret, claims, ATTACHMENT_GRANT_TTL_SECONDS, { now: this.clock.now() });
  }
}
