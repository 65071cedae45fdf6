import { Injectable } from '@nestjs/common';
import { AppConfig, type CallPolicy, Clock, MetricsService } from '@prodvor/platform';
import { z } from 'zod';
import type { UserConfig } from '../../config/user.config';
import type { Device } from '../../devices/device.model';
import { DevicesRepository } from '../../devices/devices.repository';
import { FcmAccessToken, parseFcmServiceAccount } from './fcm-access-token';
import {
  pushCallPolicy,
  type PushMessage,
  type PushOutcome,
  type PushSender,
  PushServiceError,
  type PushTarget,
  retryableStatus,
} from './push-sender';

const fcmError = z.object({
  error: z.object({
    status: z.string().optional(),
    details: z.array(z.object({ errorCode: z.string().optional() }).passthrough()).optional(),
  }),
});

/** What FCM says about a token in an error body (`UNREGISTERED`, `INVALID_ARGUMENT` …). */
function errorCodes(body: unknown): string[] {
  const parsed = fcmError.safeParse(body);
  if (!parsed.success) return [];
  return [
    ...(parsed.data.error.status ? [parsed.data.error.status] : []),
    ...(parsed.data.error.details ?? []).flatMap((d) => (d.errorCode ? [d.errorCode] : [])),
  ];
}

/**
 * Firebase Cloud Messaging HTTP v1 to the registered device tokens (Android, iOS through APNs, web),
 * on when FCM_SERVICE_ACCOUNT_JSON is set. Requests go through a call policy (timeout, bounded retries with
 * backoff on 429/5xx); a token FCM calls UNREGISTERED (or 404) is forgotten; a 401 renews the access token.
 */
@Injectable()
export class FcmSender implements PushSender {
  readonly name = 'fcm' as const;
  readonly enabled: boolean;
  private readonly policy: CallPolicy;
  private readonly accessToken?: FcmAccessToken;
  private readonly sendUrl?: string;
  private readonly ttlSeconds: number;

  constructor(
    private readonly devices: DevicesRepository,
    private readonly clock: Clock,
    config: AppConfig<UserConfig>,
    metrics: MetricsService,
  ) {
    this.ttlSeconds = config.get('PUSH_TTL_SECONDS');
    this.policy = pushCallPolicy({ name: 'fcm', breakerThreshold: 10 }, config, metrics);
    const raw = config.get('FCM_SERVICE_ACCOUNT_JSON');
    this.enabled = Boolean(raw);
    if (!raw) return;
    const account = parseFcmServiceAccount(raw);
    const base = config.get('FCM_BASE_URL').replace(/\/+$/, '');
    this.sendUrl = `${base}/v1/projects/${account.project_id}/messages:send`;
    const tokenPolicy = pushCallPolicy({ name: 'fcm-token', breakerThreshold: 5 }, config, metrics);
    this.accessToken = new FcmAccessToken(account, config.get('FCM_TOKEN_URL') ?? account.token_uri, tokenPolicy, () =>
      this.clock.now().getTime(),
    );
  }

  async targets(userId: string): Promise<PushTarget[]> {
    if (!this.enabled) return [];
    return (await this.devices.listByUser(userId)).map((device) => ({
      key: `fcm:${device.id}`,
      send: (message) => this.push(device, message),
      forget: () => this.devices.forget(device.id),
    }));
  }

  private async push(device: Device, message: PushMessage): Promise<PushOutcome> {
    const { accessToken, sendUrl } = this;
    if (!accessToken || !sendUrl) return 'refused';
    const body = JSON.stringify({
      message: {
        token: device.token,
        notification: { title: message.title, body: message.body },
        // FCM data values are strings only.
        data: { ...message.data, notificationId: message.notificationId, kind: message.kind },
        android: { ttl: `${this.ttlSeconds}s` },
        apns: {
          headers: { 'apns-expiration': String(Math.floor(this.clock.now().getTime() / 1000) + this.ttlSeconds) },
        },
      },
    });
    const answer = await this.policy.execute(async (signal) => {
      const response = await fetch(sendUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken.token()}`, 'content-type': 'application/json' },
        body,
        signal,
        redirect: 'error',
      });
      if (response.ok) {
        await response.body?.cancel();
        return { status: response.status, codes: [] as string[] };
      }
      const codes = errorCodes(await response.json().catch(() => undefined));
      if (response.status === 401) {
        accessToken.invalidate();
        throw new PushServiceError('fcm', 401, true);
      }
      if (retryableStatus(response.status)) throw new PushServiceError('fcm', response.status, true, codes.join(','));
      return { status: response.status, codes };
    });
    if (answer.status >= 200 && answer.status < 300) return 'sent';
    if (answer.status === 404 || answer.codes.includes('UNREGISTERED')) return 'gone';
    return 'refused';
  }
}
