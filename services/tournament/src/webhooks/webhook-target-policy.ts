import type { OnApplicationShutdown } from '@nestjs/common';
import {
  type AppConfig,
  ConfigValidationError,
  parseCidrs,
  SafeFetchError,
  SafeFetcher,
  type Resolve,
} from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { WebhookErrors } from './webhook.errors';

/**
 * Where webhooks may be sent: https to public addresses only (the platform's SSRF guard); http and private
 * ranges only where the development settings allow them, which production refuses at start-up. The target is
 * checked when it is registered and again on every connection (the address checked is the one connected
 * to), and redirects are not followed.
 */
export class WebhookTargetPolicy implements OnApplicationShutdown {
  readonly fetcher: SafeFetcher;

  /** `resolve`: the system resolver unless a test passes made-up answers (e.g. a DNS-rebinding host). */
  constructor(config: AppConfig<TournamentConfig>, resolve?: Resolve) {
    const allowHttp = config.get('WEBHOOK_DEV_ALLOW_HTTP');
    const privateRanges = config.get('WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS');
    if (config.get('NODE_ENV') === 'production' && (allowHttp || privateRanges.length > 0)) {
      throw new ConfigValidationError([
        {
          variable: 'WEBHOOK_DEV_ALLOW_HTTP / WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS',
          message: 'not allowed in production',
        },
      ]);
    }
    this.fetcher = new SafeFetcher({
      allowed: parseCidrs(privateRanges),
      schemes: allowHttp ? ['http', 'https'] : ['https'],
      allowedPorts: config.get('WEBHOOK_ALLOWED_PORTS'),
      timeoutMs: config.get('WEBHOOK_TIMEOUT_MS'),
      maxRedirects: 0,
      userAgent: 'ProDvor-Webhooks/1.0',
      resolve,
    });
  }

  /** Refuses a URL that could not be delivered to (scheme, credentials, port, a host resolving to a private address). */
  async validate(url: string): Promise<void> {
    try {
      await this.fetcher.assertAllowed(url);
    } catch (error) {
      if (!(error instanceof SafeFetchError)) throw error;
      if (error.code === 'INVALID_URL') throw WebhookErrors.invalidUrl(error.message);
      if (error.code === 'FORBIDDEN_ADDRESS') {
        // a refused port is the caller's mistake, a private address a refused target
        if (/^port /.test(error.message)) throw WebhookErrors.invalidUrl(error.message);
        throw WebhookErrors.forbiddenTarget();
      }
      throw WebhookErrors.unresolvableTarget();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close(2_000);
  }
}
