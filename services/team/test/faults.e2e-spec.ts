import { Topics } from '@prodvor/contracts';
import { eventually, probeTopic, startSteadyLoad, type LoadSample, type SteadyLoad } from '@prodvor/testing';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCaptainedTeams, startTeamFaultRig, unexpectedAnswers, type TeamFaultRig } from './support/fault-rig';
import { newUser, type TestUser } from './support/team-app';

const RATE_PER_SECOND = 20;
const OUTAGE_MS = 4_000;
const RECOVERY_BUDGET_MS = 30_000;

/**
 * team-service (a real process) under a steady load of writes and reads while each of its dependencies
 * — its own PostgreSQL, Redis, RabbitMQ and Kafka — is stopped and started again, then SIGTERM under load.
 * The process never exits, an answer is a success or 503 problem+json DEPENDENCY_UNAVAILABLE, it recovers
 * by itself within 30 s, and every acknowledged write ends up stored and published.
 */
describe('team-service under dependency outages and SIGTERM', () => {
  let rig: TeamFaultRig;
  let teams: { id: string; captain: TestUser }[];
  let load: SteadyLoad | undefined;
  const deletedEvents: string[] = [];
  const recoveries: Record<string, number> = {};

  beforeAll(async () => {
    rig = await startTeamFaultRig();
    teams = await createCaptainedTeams(rig.service.url, 6);
  }, 180_000);

  afterAll(async () => {
    await load?.stop();
    await rig?.stop();
    console.log(`team faults: recovery after restart (ms) ${JSON.stringify(recoveries)}`);
  });

  /** Writes (create a team as a new user; invite a new user) and reads (a team page, the list), in turn. */
  function steadyLoad(maxDurationMs: number): SteadyLoad {
    return startSteadyLoad({
      ratePerSecond: RATE_PER_SECOND,
      maxDurationMs,
      timeoutMs: 15_000,
      next: (n) => {
        const team = teams[n % teams.length];
        const json = (user: TestUser, body: unknown): RequestInit => ({
          method: 'POST',
          headers: { ...user.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        switch (n % 4) {
          case 0:
            return {
              kind: 'create',
              url: `${rig.service.url}/api/v1/teams`,
              init: json(newUser(), { name: `T${n}`, format: '5x5' }),
            };
          case 1:
            return {
              kind: 'invite',
              url: `${rig.service.url}/api/v1/teams/${team.id}/invitations`,
              init: json(team.captain, { userId: newUser().id }),
            };
          case 2:
            return { kind: 'read', url: `${rig.service.url}/api/v1/teams/${team.id}` };
          default:
            return { kind: 'list', url: `${rig.service.url}/api/v1/teams?limit=5` };
        }
      },
    });
  }

  const ready = () =>
    fetch(`${rig.service.url}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );

  /** Stops the dependency for OUTAGE_MS under load (also feeding user.deleted events), starts it, times recovery. */
  async function outage(name: string, stop: () => Promise<void>, start: () => Promise<void>): Promise<LoadSample[]> {
    const began = Date.now();
    await stop();
    const feeding = (async () => {
      for (let i = 0; i < OUTAGE_MS / 1000; i++) {
        // Sending needs the broker: during a Kafka outage no event is acknowledged, so none is expected.
        const id = await rig.publishUserDeleted().catch(() => undefined);
        if (id) deletedEvents.push(id);
        await sleep(1000);
      }
    })();
    await sleep(OUTAGE_MS);
    await feeding;
    const restarted = Date.now();
    await start();
    await eventually(async () => {
      if (!(await ready())) return false;
      const recent = load!.since(Date.now() - 1000).filter((s) => s.kind === 'create' || s.kind === 'invite');
      return recent.length > 0 && recent.every((s) => s.status === 201);
    }, RECOVERY_BUDGET_MS + 10_000).catch((error: Error) => {
      const recent = load!.since(Date.now() - 3000).map((s) => `${s.kind} ${s.status} ${s.code ?? s.error ?? ''}`);
      throw new Error(
        `${name}: ${error.message}; last answers: ${recent.join(', ')}\n${rig.service.output().slice(-4000)}`,
      );
    });
    recoveries[name] = Date.now() - restarted;
    expect(rig.service.child.exitCode, rig.service.output()).toBeNull();
    expect(recoveries[name]).toBeLessThan(RECOVERY_BUDGET_MS);
    const window = load!.since(began);
    const tally: Record<string, number> = {};
    for (const s of window)
      tally[`${s.kind} ${s.status} ${s.code ?? s.error ?? ''}`.trim()] =
        (tally[`${s.kind} ${s.status} ${s.code ?? s.error ?? ''}`.trim()] ?? 0) + 1;
    console.log(name, recoveries[name], JSON.stringify(tally));
    return window;
  }

  it('answers 503 problem+json while a dependency is down, recovers by itself, loses no acknowledged write', async () => {
    const started = Date.now();
    load = steadyLoad(120_000);
    await sleep(1500);

    const postgres = await outage('postgres', rig.pg.stop, rig.pg.start);
    const duringPostgres = postgres.filter((s) => s.status === 503);
    expect(duringPostgres.length).toBeGreaterThan(0);
    expect(unexpectedAnswers(postgres)).toEqual([]);

    const redis = await outage('redis', rig.redis.stop, rig.redis.start);
    // The cache reads through and limits fall back to the instance: Redis down costs no request.
    expect(redis.filter((s) => s.status !== 200 && s.status !== 201)).toEqual([]);

    // Writes queue their jobs in the database (job outbox): a RabbitMQ outage delays, never refuses them.
    const rabbit = await outage('rabbitmq', rig.rabbit.stop, rig.rabbit.start);
    expect(rabbit.filter((s) => s.status !== 200 && s.status !== 201)).toEqual([]);

    // Domain events go through the outbox too: a broker restart delays their publication only.
    const kafka = await outage(
      'kafka',
      () => rig.kafka.broker.restart(),
      () => Promise.resolve(),
    );
    expect(kafka.filter((s) => s.status !== 200 && s.status !== 201)).toEqual([]);

    const samples = await load.stop();
    expect(unexpectedAnswers(samples)).toEqual([]);
    expect(rig.service.child.exitCode).toBeNull();

    const created = samples
      .filter((s) => s.kind === 'create' && s.status === 201)
      .map((s) => (s.body as { id: string }).id);
    const invited = samples
      .filter((s) => s.kind === 'invite' && s.status === 201)
      .map((s) => s.body as { id: string; userId: string });
    expect(created.length).toBeGreaterThan(50);
    expect(invited.length).toBeGreaterThan(50);

    const step = (what: string) => console.log(`team faults: ${what} at ${Date.now() - started} ms`);
    step('load stopped');
    // Stored: every acknowledged team and invitation.
    const storedTeams = new Set((await rig.query<{ id: string }>('SELECT id FROM teams')).map((r) => r.id));
    expect(created.filter((id) => !storedTeams.has(id))).toEqual([]);
    const storedInvitations = new Set((await rig.query<{ id: string }>('SELECT id FROM invitations')).map((r) => r.id));
    expect(invited.filter((i) => !storedInvitations.has(i.id))).toEqual([]);

    // Published: a team.created per team on Kafka and a notification job per invitation on RabbitMQ.
    await eventually(
      async () => (await rig.query('SELECT 1 FROM outbox_events WHERE published_at IS NULL')).length === 0,
      30_000,
    );
    step('outbox drained');
    const teamEvents = await probeTopic(rig.kafka, Topics.teamEvents);
    try {
      const announced = () =>
        new Set(teamEvents.received.filter((e) => e.envelope.type === 'team.created').map((e) => e.envelope.subject));
      await teamEvents.waitFor(() => created.every((id) => announced().has(id)), 30_000).catch(() => undefined);
      expect(created.filter((id) => !announced().has(id))).toEqual([]);
    } finally {
      await teamEvents.stop();
    }
    await eventually(async () => (await rig.query('SELECT 1 FROM outbox_jobs')).length === 0, 30_000);
    step('jobs drained');
    const notified = await rig.notifiedUsers();
    expect(invited.filter((i) => !notified.has(i.userId))).toEqual([]);

    step('notifications read');
    // Consumed: every user.deleted acknowledged by the broker was handled (none parked in the DLQ by an outage).
    // A consumer back from the broker restart may first wait out a group rebalance (up to its 30 s session).
    await eventually(async () => {
      const handled = await rig.query<{ event_id: string }>('SELECT event_id FROM inbox_events');
      return deletedEvents.every((id) => handled.some((r) => r.event_id === id));
    }, 75_000);
  }, 150_000);

  it('on SIGTERM under load finishes what is in flight, answers no 5xx, exits within 10 s, commits what it consumed', async () => {
    load = steadyLoad(20_000);
    // A warm instance, as in production: its realm keys are fetched (the first token verification fetches them).
    const warm = await fetch(`${rig.service.url}/api/v1/teams`, {
      method: 'POST',
      headers: { ...newUser().headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Warm', format: '5x5' }),
    });
    expect(warm.status).toBe(201);
    await sleep(1000);
    // Consumer work in hand at the signal, and a burst of writes in flight.
    for (let i = 0; i < 20; i++) deletedEvents.push(await rig.publishUserDeleted());
    const burst = Array.from({ length: 10 }, async () => {
      const user = newUser();
      try {
        const response = await fetch(`${rig.service.url}/api/v1/teams`, {
          method: 'POST',
          headers: { ...user.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Burst', format: '5x5' }),
        });
        return { status: response.status, body: (await response.json()) as { id?: string; error?: string } };
      } catch (error) {
        return { status: 0, body: { error: (error as { cause?: { code?: string } }).cause?.code } };
      }
    });
    await sleep(30);
    const exited = once(rig.service.child, 'exit');
    const signalled = Date.now();
    rig.service.child.kill('SIGTERM');
    // Still listening for a moment, but telling balancers to stop sending. The signal reaches the child
    // asynchronously, so readiness is polled until it turns (or the listener closes).
    const readyWhileDraining = await readinessAfterSignal(rig.service.url);
    const [code] = (await exited) as [number | null];
    const exitMs = Date.now() - signalled;
    const samples = await load.stop();
    const answered = await Promise.all(burst);
    recoveries['sigterm-exit'] = exitMs;
    if (process.env.TEAM_FAULTS_DEBUG) console.log(rig.service.output().slice(-6000));

    expect(code, rig.service.output()).toBe(0);
    expect(readyWhileDraining).toBe(503);
    expect(exitMs).toBeLessThan(10_000);
    expect(samples.filter((s) => s.status >= 500)).toEqual([]);
    // Sent before the signal: answered (a request after it may find the port closed, which is no 5xx).
    expect(samples.filter((s) => s.startedAt < signalled - 50 && s.status === 0)).toEqual([]);
    expect(answered).toEqual(answered.map((a) => ({ status: 201, body: expect.objectContaining({ id: a.body.id }) })));
    const stored = new Set((await rig.query<{ id: string }>('SELECT id FROM teams')).map((r) => r.id));
    expect(answered.filter((a) => !stored.has(a.body.id!))).toEqual([]);

    // Every user.deleted it handled is committed: the group's offsets equal the inbox it filled.
    const handled = await rig.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM inbox_events WHERE consumer = 'team.user-deleted'",
    );
    expect(await rig.committedUserEvents()).toBe(handled[0].n);

    // And the next instance takes over the rest: nothing acknowledged by the broker is left unhandled.
    await rig.restartService();
    await eventually(async () => {
      const rows = await rig.query<{ event_id: string }>('SELECT event_id FROM inbox_events');
      const ids = new Set(rows.map((r) => r.event_id));
      return deletedEvents.every((id) => ids.has(id));
    }, 30_000);
  }, 90_000);
});

/** The first readiness answer other than 200 within the drain delay (0 when the listener is already closed). */
async function readinessAfterSignal(serviceUrl: string, withinMs = 1_000): Promise<number> {
  const deadline = Date.now() + withinMs;
  let status = 200;
  while (status === 200 && Date.now() < deadline) {
    status = await fetch(`${serviceUrl}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) await sleep(20);
  }
  return status;
}
