import { type AppConfig, type CallPolicy, createCallPolicy, type MetricsService } from '@prodvor/platform';
import type { UserConfig } from '../../config/user.config';

/** What a push shows: the texts already in the recipient's language, and the ids the app opens it by. */
export interface PushMessage {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

/** `gone`: the target no longer exists (it is forgotten); `refused`: the push service will not take this push. */
export type PushOutcome = 'sent' | 'gone' | 'refused';

/** One place a user's pushes go: a browser subscription or a mobile device token. */
export interface PushTarget {
  /** Unique per target across senders (`webpush:<id>`, `fcm:<id>`): what a delivery is claimed by. */
  key: string;
  send(message: PushMessage): Promise<PushOutcome>;
  forget(): Promise<void>;
}

/** A push technology (Web Push, FCM): the user's targets it can reach. */
export interface PushSender {
  readonly name: 'webpush' | 'fcm';
  /** False when the sender is not configured. */
  readonly enabled: boolean;
  targets(userId: string): Promise<PushTarget[]>;
}

export const PUSH_SENDERS = Symbol('PUSH_SENDERS');

/**
 * A push service answer worth another attempt (429, 5xx) or not (4xx other than 404/410). Call policies
 * retry only the former, so a refused push never opens a circuit for everybody else.
 */
export class PushServiceError extends Error {
  override readonly name = 'PushServiceError';

  constructor(
    readonly service: string,
    readonly status: number,
    readonly retryable: boolean,
    detail = '',
  ) {
    super(`${service} answered ${status}${detail ? `: ${detail}` : ''}`);
  }
}

/** Retry transport errors, timeouts and retryable answers; pass refusals through. */
export const isPushFailure = (error: unknown): boolean => !(error instanceof PushServiceError) || error.retryable;

export const retryableStatus = (status: number): boolean => status === 429 || status >= 500;

/**
 * The call policy of one push service: PUSH_TIMEOUT_MS per attempt, PUSH_RETRIES retries with backoff from
 * PUSH_BACKOFF_MS on transport errors and retryable answers, and a breaker opening after `breakerThreshold`
 * consecutive failures.
 */
export function pushCallPolicy(
  options: { name: string; breakerThreshold: number },
  config: AppConfig<UserConfig>,
  metrics: MetricsService,
): CallPolicy {
  return createCallPolicy({
    name: options.name,
    timeoutMs: config.get('PUSH_TIMEOUT_MS'),
    retries: config.get('PUSH_RETRIES'),
    backoffMs: config.get('PUSH_BACKOFF_MS'),
    breaker: { threshold: options.breakerThreshold, halfOpenAfterMs: 30_000 },
    registry: metrics.registry,
    isFailure: isPushFailure,
  });
}
