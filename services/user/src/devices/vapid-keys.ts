import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import { generateVAPIDKeys } from 'web-push';
import type { UserConfig } from '../config/user.config';

/**
 * The VAPID key pair Web Push requests are signed with (RFC 8292). Production must configure it: a browser's
 * subscription is bound to the public key it subscribed with, so a key generated at start-up would orphan
 * every subscription on the next restart. Elsewhere (development, tests) a pair is generated.
 */
@Injectable()
export class VapidKeys {
  private readonly logger = new Logger(VapidKeys.name);
  readonly publicKey: string;
  readonly privateKey: string;
  readonly subject: string;

  constructor(config: AppConfig<UserConfig>) {
    const publicKey = config.get('WEB_PUSH_VAPID_PUBLIC_KEY');
    const privateKey = config.get('WEB_PUSH_VAPID_PRIVATE_KEY');
    this.subject = config.get('WEB_PUSH_VAPID_SUBJECT');
    if (publicKey && privateKey) {
      this.publicKey = publicKey;
      this.privateKey = privateKey;
      return;
    }
    if (publicKey || privateKey)
      throw new Error('Invalid configuration: set both WEB_PUSH_VAPID_PUBLIC_KEY and WEB_PUSH_VAPID_PRIVATE_KEY');
    if (config.get('NODE_ENV') === 'production')
      throw new Error(
        'Invalid configuration: WEB_PUSH_VAPID_PUBLIC_KEY and WEB_PUSH_VAPID_PRIVATE_KEY are required in production ' +
          '(generate a pair once with `npx web-push generate-vapid-keys`)',
      );
    const generated = generateVAPIDKeys();
    this.publicKey = generated.publicKey;
    this.privateKey = generated.privateKey;
    this.logger.warn('WEB_PUSH_VAPID_* not set: generated a VAPID key pair for this process only');
  }
}
