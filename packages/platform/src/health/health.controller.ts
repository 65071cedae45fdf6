import { Controller, Get, HttpCode, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';
import { Public } from '../identity/access-policy.decorators';
import { HealthRegistry } from './health.registry';

export const HEALTH_CHECK_TIMEOUT_MS = Symbol('HEALTH_CHECK_TIMEOUT_MS');

export interface ReadyResponse {
  status: 'ok';
  checks: Record<string, 'up'>;
}

export type CheckOutcome = { status: 'up' } | { status: 'down'; reason: string };

function withTimeout(check: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve().then(check), timeout]).finally(() => clearTimeout(timer));
}

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  private readonly timeoutMs: number;

  constructor(
    private readonly registry: HealthRegistry,
    @Optional() @Inject(HEALTH_CHECK_TIMEOUT_MS) timeoutMs?: number,
  ) {
    this.timeoutMs = timeoutMs ?? 2000;
  }

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Runs every registered check concurrently; 503 problem+json naming each failing dependency. */
  @Get('ready')
  async ready(): Promise<ReadyResponse> {
    const entries = this.registry.entries();
    const outcomes = await Promise.all(
      entries.map(async ([name, check]): Promise<[string, CheckOutcome]> => {
        try {
          await withTimeout(check, this.timeoutMs);
          return [name, { status: 'up' }];
        } catch (error) {
          return [name, { status: 'down', reason: error instanceof Error ? error.message : String(error) }];
        }
      }),
    );
    const failing = outcomes.filter(([, outcome]) => outcome.status === 'down');
    if (failing.length) {
      throw new DomainError(
        PlatformErrorCode.DEPENDENCY_UNAVAILABLE,
        503,
        `Not ready: ${failing.map(([name]) => name).join(', ')}`,
        failing.map(([name, outcome]) => ({ field: name, message: outcome.status === 'down' ? outcome.reason : '' })),
      );
    }
    return { status: 'ok', checks: Object.fromEntries(outcomes.map(([name]) => [name, 'up' as const])) };
  }
}
