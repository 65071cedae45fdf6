import { Injectable } from '@nestjs/common';
import { AppConfig, type CallPolicy, MetricsService } from '@prodvor/platform';
import { generateRequestDetails } from 'web-push';
import type { UserConfig } from '../../config/user.config';
import type { WebPushSubscription } from '../../devices/device.model';
import { VapidKeys } from '../../devices/vapid-keys';
import { WebPushSubscriptionsRepository } from '../../devices/web-push-subscriptions.repository';
import {
  pushCallPolicy,
  type PushMessage,
  type PushOutcome,
  type PushSender,
  PushServiceError,
  type PushTarget,
  retryableStatus,
} from './push-sender';

/** Push services accept 4 KiB of record; the encrypted envelope takes ~100 bytes of it. */
const MAX_PAYLOAD_BYTES = 3_800;

/** The JSON a service worker's `push` event reads (`event.data.json()`); `data` is dropped if it would not fit. */
export function webPushPayload(message: PushMessage): string {
  const full = JSON.stringify(message);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  return JSON.stringify({ ...message, body: message.body.slice(0, 1_000), data: {} });
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292): the payload encrypted for the browser (RFC 8291, aes128gcm) by
 * the `web-push` library, sent with `fetch` through a call policy (timeout, bounded retries with backoff on
 * 429/5xx and transport errors). 404/410 means the browser dropped the subscription: it is forgotten.
 */
@Injectable()
export class WebPushSender implements PushSender {
  readonly name = 'webpush' as const;
  readonly enabled = true;
  private readonly policy: CallPolicy;
  private readonly ttlSeconds: number;

  constructor(
    private readonly subscriptions: WebPushSubscriptionsRepository,
    private readonly vapid: VapidKeys,
    config: AppConfig<UserConfig>,
    metrics: MetricsService,
  ) {
    this.ttlSeconds = config.get('PUSH_TTL_SECONDS');
    // Many push services behind one breaker: it opens only when pushing fails broadly.
    this.policy = pushCallPolicy({ name: 'web-push', breakerThreshold: 20 }, config, metrics);
  }

  async targets(userId: string): Promise<PushTarget[]> {
    return (await this.subscriptions.listByUser(userId)).map((subscription) => ({
      key: `webpush:${subscription.id}`,
      send: (message) => this.push(subscription, message),
      forget: () => this.subscriptions.forget(subscription.id),
    }));
  }

  private async push(subscription: WebPushSubscription, message: PushMessage): Promise<PushOutcome> {
    const request = generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      webPushPayload(message),
      {
        vapidDetails: {
          subject: this.vapid.subject,
          publicKey: this.vapid.publicKey,
          privateKey: this.vapid.privateKey,
        },
        TTL: this.ttlSeconds,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
    // fetch sets Content-Length from the body itself.
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([name, value]) => [name, String(value)]),
    );
    const status = await this.policy.execute(async (signal) => {
      const response = await fetch(request.endpoint, {
        method: 'POST',
        headers,
        body: request.body,
        signal,
        redirect: 'error',
      });
      await response.body?.cancel();
      if (retryableStatus(response.status)) throw new PushServiceError('web-push', response.status, true);
      return response.status;
    });
    if (status >= 200 && status < 300) return 'sent';
    if (status === 404 || status === 410) return 'gone';
    return 'refused';
  }
}
