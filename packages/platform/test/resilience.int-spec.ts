import { Registry } from 'prom-client';
import { DomainError } from '../src/errors/domain-error';
import { createCallPolicy } from '../src/resilience/call-policy';

const fail = (): Promise<never> => Promise.reject(new Error('boom'));

describe('createCallPolicy', () => {
  it('retries a failing call a bounded number of times, then rethrows its error', async () => {
    let calls = 0;
    const policy = createCallPolicy({
      name: 'dep',
      timeoutMs: 500,
      retries: 2,
      backoffMs: 1,
      breaker: { threshold: 10, halfOpenAfterMs: 1000 },
    });
    await expect(
      policy.execute(() => {
        calls += 1;
        return fail();
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(3);
  });

  it('opens after N consecutive failures, fails fast with DEPENDENCY_UNAVAILABLE, then half-opens and closes', async () => {
    const registry = new Registry();
    const policy = createCallPolicy({
      name: 'flaky',
      timeoutMs: 500,
      retries: 0,
      breaker: { threshold: 3, halfOpenAfterMs: 150 },
      registry,
    });
    for (let i = 0; i < 3; i += 1) await expect(policy.execute(fail)).rejects.toThrow('boom');
    expect(policy.state()).toBe('open');

    let reached = false;
    const rejected = await policy
      .execute(async () => {
        reached = true;
        return 1;
      })
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(DomainError);
    expect(rejected).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', status: 503 });
    expect(reached).toBe(false);

    const metrics = await registry.getMetricsAsJSON();
    const state = metrics.find((m) => m.name === 'dependency_circuit_state');
    expect(state?.values).toEqual([expect.objectContaining({ labels: { dependency: 'flaky' }, value: 2 })]);
    const calls = metrics.find((m) => m.name === 'dependency_calls_total');
    expect(calls?.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { dependency: 'flaky', outcome: 'failure' }, value: 3 }),
        expect.objectContaining({ labels: { dependency: 'flaky', outcome: 'rejected' }, value: 1 }),
      ]),
    );

    await new Promise((r) => setTimeout(r, 200));
    expect(await policy.execute(async () => 'ok')).toBe('ok');
    expect(policy.state()).toBe('closed');
  });

  it('cancels a slow attempt after timeoutMs and reports the dependency as unavailable', async () => {
    let aborted = false;
    const policy = createCallPolicy({
      name: 'slow',
      timeoutMs: 50,
      retries: 0,
      breaker: { threshold: 5, halfOpenAfterMs: 1000 },
    });
    const started = Date.now();
    const error = await policy
      .execute(
        (signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
            setTimeout(resolve, 2_000);
          }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', status: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBe(true);
  });

  it('lets the answers isFailure excludes through: no retry, no breaker count, outcome refused', async () => {
    const registry = new Registry();
    const refusal = Object.assign(new Error('conflict'), { status: 409 });
    let calls = 0;
    const policy = createCallPolicy({
      name: 'picky',
      timeoutMs: 500,
      retries: 2,
      backoffMs: 1,
      breaker: { threshold: 2, halfOpenAfterMs: 60_000 },
      registry,
      isFailure: (error) => (error as { status?: number }).status !== 409,
    });
    for (let i = 0; i < 5; i += 1) {
      await expect(
        policy.execute(() => {
          calls += 1;
          return Promise.reject(refusal);
        }),
      ).rejects.toBe(refusal);
    }
    expect(calls).toBe(5);
    expect(policy.state()).toBe('closed');
    const counted = (await registry.getMetricsAsJSON()).find((m) => m.name === 'dependency_calls_total');
    expect(counted?.values).toEqual([
      expect.objectContaining({ labels: { dependency: 'picky', outcome: 'refused' }, value: 5 }),
    ]);

    // A real failure still counts: its retries open the circuit after two attempts.
    await expect(policy.execute(fail)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(policy.state()).toBe('open');
  });
});
