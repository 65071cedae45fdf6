import { Injectable } from '@nestjs/common';
import { AppConfig, createCallPolicy, MetricsService, type CallPolicy } from '@prodvor/platform';
import { z } from 'zod';
import type { TeamConfig } from '../../config/team.config';
import { PickupErrors } from './pickup.errors';

/** ai-service's positions; a pickup player plays anywhere. */
const ANY_POSITION = ['GK', 'DF', 'MF', 'FW'];
const MAX_BODY_BYTES = 512 * 1024;

export interface BalancePlayer {
  id: string;
  skill: number;
}

// ai-service's balance answer as this service reads it: only the players' ids of each team.
const answerSchema = z.object({
  teams: z.array(z.object({ players: z.array(z.object({ id: z.string() })) })).length(2),
});

/** A refusal of ai-service (4xx) is its answer: it passes the policy without a retry or a breaker count. */
class Refused extends Error {}

/**
 * Splits players into two sides with ai-service's deterministic balancer, called as the manager (their
 * own bearer token, which ai-service verifies itself) through one call policy: timeout, a retry, breaker.
 * Anything short of a well-formed answer is 503 TEAM_EVENT_BALANCER_UNAVAILABLE.
 */
@Injectable()
export class BalancerClient {
  private readonly policy: CallPolicy;
  private readonly baseUrl: string;

  constructor(config: AppConfig<TeamConfig>, metrics: MetricsService) {
    this.baseUrl = config.get('AI_SERVICE_URL');
    this.policy = createCallPolicy({
      name: 'ai-service',
      timeoutMs: config.get('AI_SERVICE_TIMEOUT_MS'),
      retries: 1,
      breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      registry: metrics.registry,
      isFailure: (error) => !(error instanceof Refused),
    });
  }

  /** Player ids of side A and side B. */
  async split(players: BalancePlayer[], authorization: string): Promise<[string[], string[]]> {
    const body = JSON.stringify({
      players: players.map((p) => ({ id: p.id, skill: p.skill, positions: ANY_POSITION })),
      teamCount: 2,
    });
    let answer: unknown;
    try {
      answer = await this.policy.execute(async (signal) => {
        // No redirects: the manager's token goes to ai-service and nowhere else.
        const response = await fetch(new URL('/api/v1/ai/teams/balance', this.baseUrl), {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body,
          redirect: 'error',
          signal,
        });
        if (!response.ok) {
          await response.body?.cancel();
          if (response.status < 500) throw new Refused(`ai-service answered ${response.status}`);
          throw new Error(`ai-service answered ${response.status}`);
        }
        const text = await response.text();
        if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new Error('ai-service answer is over the size limit');
        return JSON.parse(text) as unknown;
      });
    } catch {
      throw PickupErrors.balancerUnavailable();
    }
    const parsed = answerSchema.safeParse(answer);
    if (!parsed.success) throw PickupErrors.balancerUnavailable();
    const [a, b] = parsed.data.teams;
    return [a.players.map((p) => p.id), b.players.map((p) => p.id)];
  }
}
