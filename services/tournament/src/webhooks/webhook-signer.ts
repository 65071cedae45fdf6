import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const SECRET_PREFIX = 'whsec_';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, via the `standardwebhooks` package):
 * `webhook-signature` is `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, one per secret, space
 * separated, so a receiver still holding the secret before a rotation verifies during the grace period.
 */
@Injectable()
export class WebhookSigner {
  /** `whsec_` + base64 of 32 random bytes (the key is the decoded bytes). */
  newSecret(): string {
    return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
  }

  sign(secrets: readonly string[], id: string, at: Date, body: string): SignedHeaders {
    const signatures = secrets.map((secret) => new Webhook(secret).sign(id, at, body));
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    };
  }
}
