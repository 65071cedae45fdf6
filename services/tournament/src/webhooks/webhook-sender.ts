import { Injectable } from '@nestjs/common';
import { SafeFetchError } from '@prodvor/platform';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { WebhookTargetPolicy } from './webhook-target-policy';

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed: null on 2xx. */
  error: string | null;
  /** The target is refused by the address policy (e.g. its name now resolves to a private address). */
  refused: boolean;
}

const MAX_ERROR = 500;

/** POSTs a signed body through the SSRF guard with one deadline, and reports status, latency and failure. */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly policy: WebhookTargetPolicy,
    private readonly config: AppConfig<TournamentConfig>,
  ) {}

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.config.get('WEBHOOK_TIMEOUT_MS'));
    const latency = () => Math.round(performance.now() - started);
    try {
      const response = await this.policy.fetcher.request(url, {
        method: 'POST',
        signal,
        body,
        headers: { ...headers, 'content-type': 'application/json' },
      });
      // The answer's body is not used: read nothing of it (a slow or huge body must not hold the worker).
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        statusCode: response.statusCode,
        latencyMs: latency(),
        error: ok ? null : `HTTP ${response.statusCode}`,
        refused: false,
      };
    } catch (error) {
      const failure = this.policy.fetcher.translate(error, signal);
      const refused = failure instanceof SafeFetchError && failure.code !== 'REQUEST_FAILED';
      return {
        statusCode: null,
        latencyMs: latency(),
        error: (refused ? `refused: ${failure.message}` : failure.message).slice(0, MAX_ERROR),
        refused,
      };
    }
  }
}
