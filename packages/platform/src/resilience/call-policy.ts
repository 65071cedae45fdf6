import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';

export interface CallPolicyOptions {
  /** The dependency, used in metrics and error messages (e.g. `keycloak-admin`). */
  name: string;
  /** Per attempt; a slow attempt is cancelled through the AbortSignal passed to the call. */
  timeoutMs: number;
  /** Extra attempts after the first, with exponential backoff. */
  retries: number;
  breaker: { threshold: number; halfOpenAfterMs: number };
  /** Exported metrics (e.g. `metricsService.registry`). */
  registry?: Registry;
  /** First backoff delay (default 100 ms). */
  backoffMs?: number;
  /**
   * Whether an error says the dependency is unhealthy (default: every error). The others are its
   * answers (a 409 refusal, a 404): they pass through without a retry and without counting against the
   * breaker, so a run of refused requests never opens the circuit for everybody else.
   */
  isFailure?: (error: unknown) => boolean;
}

export interface CallPolicy {
  readonly name: string;
  execute<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(): 'closed' | 'open' | 'half_open' | 'isolated';
}

const STATE_VALUE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 3,
};
const STATE_NAME = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'isolated',
} as const;

function metric<T extends Counter | Gauge>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

function policyMetrics(registry: Registry | undefined) {
  if (!registry) return undefined;
  return {
    calls: metric(
      registry,
      'dependency_calls_total',
      () =>
        new Counter({
          name: 'dependency_calls_total',
          help: 'Calls to a dependency through its call policy, by dependency and outcome (success|failure|refused|rejected)',
          labelNames: ['dependency', 'outcome'] as const,
          registers: [registry],
        }),
    ),
    state: metric(
      registry,
      'dependency_circuit_state',
      () =>
        new Gauge({
          name: 'dependency_circuit_state',
          help: 'Circuit breaker state by dependency: 0 closed, 1 half-open, 2 open, 3 isolated',
          labelNames: ['dependency'] as const,
          registers: [registry],
        }),
    ),
  };
}

/**
 * Timeout per attempt, bounded retries with exponential backoff, and a consecutive-failure circuit
 * breaker, for the few synchronous calls a service cannot avoid. While the circuit is open calls fail
 * fast with `DEPENDENCY_UNAVAILABLE` (503) instead of piling up on a dead dependency.
 */
export function createCallPolicy(options: CallPolicyOptions): CallPolicy {
  const { name, timeoutMs, retries, breaker: breakerOptions } = options;
  const metrics = policyMetrics(options.registry);
  const isFailure = options.isFailure ?? (() => true);
  // Cockatiel's timeout rejects with TaskCancelledError, always a failure whatever isFailure says.
  const counts = (error: Error) =>
    !(error instanceof BrokenCircuitError) && (error instanceof TaskCancelledError || isFailure(error));
  const breaker = circuitBreaker(handleWhen(counts), {
    halfOpenAfter: breakerOptions.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(breakerOptions.threshold),
  });
  metrics?.state.set({ dependency: name }, 0);
  breaker.onStateChange((state) => metrics?.state.set({ dependency: name }, STATE_VALUE[state]));
  const retryPolicy = retry(handleWhen(counts), {
    maxAttempts: retries,
    backoff: new ExponentialBackoff({ initialDelay: options.backoffMs ?? 100, maxDelay: 5_000 }),
  });
  const timeoutPolicy = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const policy = wrap(retryPolicy, breaker, timeoutPolicy);

  return {
    name,
    state: () => STATE_NAME[breaker.state],
    async execute<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
      try {
        const result = await policy.execute(({ signal }) => call(signal));
        metrics?.calls.inc({ dependency: name, outcome: 'success' });
        return result;
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          metrics?.calls.inc({ dependency: name, outcome: 'rejected' });
          throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, `${name} is unavailable`);
        }
        const outcome = error instanceof Error && !counts(error) ? 'refused' : 'failure';
        metrics?.calls.inc({ dependency: name, outcome });
        if (error instanceof TaskCancelledError) {
          throw new DomainError(PlatformErrorCode.DEPENDENCY_UNAVAILABLE, 503, `${name} did not answer in time`);
        }
        throw error;
      }
    },
  };
}
