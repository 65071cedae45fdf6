import { WebhookQueues } from '@prodvor/contracts';
import { eventually, queueInfo } from '@prodvor/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { TransactionRunner } from '../src/database/transaction-runner';
import { TeamViewsRepository } from '../src/teams-view/team-views.repository';
import { WebhookLogPruner } from '../src/webhooks/webhook-log-pruner';
import { WebhookSubscriptionsRepository } from '../src/webhooks/webhook-subscriptions.repository';
import {
  api,
  newOrganizer,
  newUser,
  startCup,
  startTournamentApp,
  type TestUser,
  type TournamentTestApp,
} from './support/tournament-app';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver';

/** Independent of the service's signer: HMAC-SHA256 over "<id>.<timestamp>.<body>" with the decoded secret. */
function signatureWith(secret: string, r: ReceivedWebhook): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(r.headers['webhook-id'])}.${String(r.headers['webhook-timestamp'])}.${r.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

describe('webhooks: subscriptions, signed deliveries, retries, the log and replay', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTournamentApp({
      // Development allowances, narrow: http and the loopback address of the local receiver, its port only.
      WEBHOOK_DEV_ALLOW_HTTP: 'true',
      WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32',
      WEBHOOK_ALLOWED_PORTS: `443,${receiver.port}`,
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_DELAY_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_PER_OWNER: '3',
      WEBHOOK_THROTTLE_DELAY_MS: '100',
      WEBHOOK_SECRET_KEY: randomUUID() + randomUUID(),
    });
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const hooks = (user: TestUser | null, method: 'GET' | 'POST', path = '', body?: unknown) =>
    http.call(user, method, `/api/v1/webhooks${path}`, body);
  const remove = (user: TestUser, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: user.headers });

  async function subscribe(user: TestUser, body: Record<string, unknown>) {
    const res = await hooks(user, 'POST', '', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; secret: string; status: string }>();
  }

  /** Runs the outbox until the receiver has `count` requests on `path`. */
  async function receivedOn(path: string, count: number, timeoutMs = 30_000): Promise<ReceivedWebhook[]> {
    await eventually(async () => {
      await t.flushOutbox();
      await t.flushNotifications();
      return receiver.on(path).length >= count;
    }, timeoutMs);
    return receiver.on(path);
  }

  it('delivers a signed match.result_confirmed that verifies independently, and logs the attempt', async () => {
    const cup = await startCup(t, http, 'round_robin', 2);
    const hook = await subscribe(cup.organizer, {
      tournamentId: cup.cup.id,
      url: `${receiver.url}/results`,
      eventTypes: ['tournament.match.result_confirmed'],
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    // the secret is shown once, and stored sealed
    expect((await hooks(cup.organizer, 'GET', `/${hook.id}`)).json()).not.toHaveProperty('secret');
    const stored = await t.app.get(WebhookSubscriptionsRepository).findById(hook.id);
    expect(stored?.secret).toMatch(/^enc1:/);
    expect(stored?.secret).not.toContain(hook.secret.slice(6));

    const [match] = await cup.scheduled();
    await cup.win(match, match.homeTeamId!);
    const [delivery] = await receivedOn('/results', 1);

    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['webhook-signature']).toBe(signatureWith(hook.secret, delivery));
    const payload = new Webhook(hook.secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    });
    expect(payload).toMatchObject({
      type: 'tournament.match.result_confirmed',
      data: { tournamentId: cup.cup.id, matchId: match.id, homeScore: 1, awayScore: 0 },
    });

    const deliveryId = String(delivery.headers['webhook-id']);
    await eventually(async () => {
      const page = (await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries`)).json();
      return page.items[0]?.status === 'succeeded';
    });
    const logged = (await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries/${deliveryId}`)).json();
    expect(logged).toMatchObject({ id: deliveryId, status: 'succeeded', attempts: 1, lastStatusCode: 204 });
    expect(logged.body).toBe(delivery.body);
    expect(logged.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204 })]);
    expect(logged.log[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sends a team's registration events to its captain's webhook, not other teams', and stops when the captain steps down", async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const [captain, other] = [newUser(), newUser()];
    const [teamId, otherTeam] = [await t.seedTeam(captain), await t.seedTeam(other)];
    await subscribe(captain, {
      teamId,
      url: `${receiver.url}/team`,
      eventTypes: ['tournament.team.approved', 'tournament.team.withdrawn'],
    });
    await http.enter(organizer, cup.id, [
      { captain, teamId },
      { captain: other, teamId: otherTeam },
    ]);
    const [approved] = await receivedOn('/team', 1);
    expect(JSON.parse(approved.body)).toMatchObject({ type: 'tournament.team.approved', data: { teamId } });

    // the captain hands the armband over (as team.events.v1 would tell): the team's events no longer reach them
    await t.app.get(TransactionRunner).run(async (tx) => {
      const teams = t.app.get(TeamViewsRepository);
      await teams.setRole(tx, teamId, captain.id, 'player');
      await teams.setRole(tx, teamId, newUser().id, 'captain');
    });
    const withdrawn = await http.call(
      organizer,
      'POST',
      `/api/v1/tournaments/${cup.id}/registrations/${teamId}/withdraw`,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await t.flushOutbox();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await t.flushNotifications();
    expect(receiver.on('/team')).toHaveLength(1);
  });

  it("sends live events of a team's matches to its captain's webhook", async () => {
    const cup = await startCup(t, http, 'round_robin', 3, { players: 1 });
    const [match] = await cup.scheduled();
    const playing = cup.captainOf(match.homeTeamId);
    const idle = cup.teams.find((x) => x.teamId !== match.homeTeamId && x.teamId !== match.awayTeamId)!;
    for (const [captain, teamId, path] of [
      [playing, match.homeTeamId!, '/live-home'],
      [idle.captain, idle.teamId, '/live-idle'],
    ] as const)
      await subscribe(captain, { teamId, url: `${receiver.url}${path}`, eventTypes: ['match.event.recorded'] });
    const kickOff = await http.call(cup.organizer, 'POST', `/api/v1/matches/${match.id}/events`, {
      kind: 'kick_off',
      minute: 0,
      period: 1,
    });
    expect(kickOff.statusCode, kickOff.body).toBe(201);
    const [live] = await receivedOn('/live-home', 1);
    expect(JSON.parse(live.body)).toMatchObject({
      type: 'match.event.recorded',
      data: { matchId: match.id, kind: 'kick_off', sequence: 1 },
    });
    // both would have been queued by the same fan-out: a moment more shows the idle team got nothing
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.on('/live-idle')).toEqual([]);
  });

  it("tells the opposing team's webhook that a captain reported a result awaiting its confirmation", async () => {
    const cup = await startCup(t, http, 'round_robin', 3, { players: 1 });
    const [match] = await cup.scheduled();
    const opponent = cup.captainOf(match.awayTeamId);
    await subscribe(opponent, {
      teamId: match.awayTeamId,
      url: `${receiver.url}/reported`,
      eventTypes: ['tournament.match.result_reported'],
    });
    const reported = await http.call(cup.captainOf(match.homeTeamId), 'POST', `/api/v1/matches/${match.id}/result`, {
      homeScore: 2,
      awayScore: 0,
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const [delivery] = await receivedOn('/reported', 1);
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'tournament.match.result_reported',
      data: { matchId: match.id, homeScore: 2, awayScore: 0, reportedByTeamId: match.homeTeamId },
    });
  });

  it('retries a failing endpoint with backoff, dead-letters it after the last attempt, and replays it', async () => {
    receiver.answer('/flaky', 500);
    const cup = await startCup(t, http, 'round_robin', 2);
    const hook = await subscribe(cup.organizer, {
      tournamentId: cup.cup.id,
      url: `${receiver.url}/flaky`,
      eventTypes: ['tournament.match.result_confirmed'],
    });
    const [match] = await cup.scheduled();
    await cup.win(match, match.awayTeamId!);
    const attempts = await receivedOn('/flaky', 3);
    // the same webhook-id on every attempt, so a receiver can deduplicate
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    const deliveryId = String(attempts[0].headers['webhook-id']);

    const path = `/${hook.id}/deliveries/${deliveryId}`;
    await eventually(async () => (await hooks(cup.organizer, 'GET', path)).json().status === 'dead');
    await eventually(async () => (await queueInfo(t.vhost.name, WebhookQueues.dlq)).messages === 1);
    const dead = (await hooks(cup.organizer, 'GET', path)).json();
    expect(dead).toMatchObject({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(dead.log.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    // the first two name when the next attempt is due (200 ms, then 400 ms later), the last none
    const at = (i: number, key: 'startedAt' | 'nextAttemptAt') => Date.parse(dead.log[i][key]);
    expect(at(0, 'nextAttemptAt') - at(0, 'startedAt')).toBe(200);
    expect(at(1, 'nextAttemptAt') - at(1, 'startedAt')).toBe(400);
    expect(dead.log[2].nextAttemptAt).toBeUndefined();
    expect(at(1, 'startedAt') - at(0, 'startedAt')).toBeGreaterThanOrEqual(200);
    const failed = (await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries?status=dead`)).json();
    expect(failed.items.map((d: { id: string }) => d.id)).toEqual([deliveryId]);

    // a stranger can neither read nor replay it; the owner replays once the endpoint works
    const stranger = newUser();
    expect((await hooks(stranger, 'GET', path)).statusCode).toBe(404);
    expect((await hooks(stranger, 'POST', `${path}/replay`)).json().code).toBe('WEBHOOK_NOT_FOUND');
    // a replay of a delivery still being attempted is refused (409) until it finished again
    const replay = await hooks(cup.organizer, 'POST', `${path}/replay`);
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ id: deliveryId, status: 'pending' });
    expect((await hooks(cup.organizer, 'POST', `${path}/replay`)).json().code).toBe('WEBHOOK_DELIVERY_IN_PROGRESS');
    await receivedOn('/flaky', 6);
    await eventually(async () => (await hooks(cup.organizer, 'GET', path)).json().status === 'dead');
    await eventually(async () => (await queueInfo(t.vhost.name, WebhookQueues.dlq)).messages === 2);
    receiver.answer('/flaky', 200);
    expect((await hooks(cup.organizer, 'POST', `${path}/replay`)).statusCode).toBe(202);
    const all = await receivedOn('/flaky', 7);
    expect(all[6].headers['webhook-id']).toBe(deliveryId);
    expect(all[6].body).toBe(all[0].body);
    await eventually(async () => (await hooks(cup.organizer, 'GET', path)).json().status === 'succeeded');
    const log = (await hooks(cup.organizer, 'GET', path)).json().log;
    expect(log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 500, 200]);
  });

  it('signs with the new and the old secret during the grace period after a rotation', async () => {
    const cup = await startCup(t, http, 'round_robin', 3);
    const hook = await subscribe(cup.organizer, {
      tournamentId: cup.cup.id,
      url: `${receiver.url}/rotated`,
      eventTypes: ['tournament.match.result_confirmed'],
    });
    const rotated = await hooks(cup.organizer, 'POST', `/${hook.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.json<{ secret: string; previousSecretExpiresAt: string }>();
    expect(secret).not.toBe(hook.secret);
    expect(Date.parse(previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const [match] = await cup.scheduled();
    await cup.win(match, match.homeTeamId!);
    const [delivery] = await receivedOn('/rotated', 1);
    expect(String(delivery.headers['webhook-signature']).split(' ')).toEqual([
      signatureWith(secret, delivery),
      signatureWith(hook.secret, delivery),
    ]);
    for (const key of [secret, hook.secret])
      expect(() => new Webhook(key).verify(delivery.body, delivery.headers as Record<string, string>)).not.toThrow();

    // finished deliveries leave the log after WEBHOOK_LOG_RETENTION_DAYS (30)
    await eventually(
      async () => (await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries`)).json().items[0]?.status === 'succeeded',
    );
    const pruner = t.app.get(WebhookLogPruner);
    await pruner.prune(new Date(Date.now() + 29 * 86_400_000));
    expect((await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries`)).json().items).toHaveLength(1);
    expect(await pruner.prune(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect((await hooks(cup.organizer, 'GET', `/${hook.id}/deliveries`)).json().items).toEqual([]);
  });

  it('validates subscriptions: URL, event types, owner, private addresses and the per-owner cap', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const body = (over: Record<string, unknown>) => ({
      tournamentId: cup.id,
      url: `${receiver.url}/v`,
      eventTypes: ['match.event.recorded'],
      ...over,
    });
    const refused = async (over: Record<string, unknown>) => {
      const res = await hooks(organizer, 'POST', '', body(over));
      return [res.statusCode, res.json<{ code: string }>().code];
    };
    expect(await refused({ eventTypes: ['tournament.created'] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ eventTypes: [] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ url: `https://example.org/${'a'.repeat(2100)}` })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ url: 'ftp://example.org/hook' })).toEqual([400, 'WEBHOOK_INVALID_URL']);
    expect(await refused({ url: 'not a url' })).toEqual([400, 'WEBHOOK_INVALID_URL']);
    expect(await refused({ url: 'https://example.org:8443/hook' })).toEqual([400, 'WEBHOOK_INVALID_URL']);
    expect(await refused({ teamId: randomUUID() })).toEqual([400, 'WEBHOOK_OWNER_REQUIRED']);
    expect(await refused({ extra: true })).toEqual([400, 'VALIDATION_FAILED']);
    // private, link-local (cloud metadata) and other loopback addresses than the one allowed for the test
    const port = receiver.port;
    for (const url of [
      `http://169.254.169.254:${port}/latest/meta-data`,
      `http://10.0.0.7:${port}/hook`,
      `http://192.168.1.1:${port}/hook`,
      `http://127.0.0.2:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:10.0.0.7]:${port}/hook`,
    ])
      expect(await refused({ url }), url).toEqual([422, 'WEBHOOK_FORBIDDEN_TARGET']);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await subscribe(organizer, body({}))).id);
    expect(await refused({})).toEqual([409, 'WEBHOOK_LIMIT_REACHED']);
    const first = await hooks(organizer, 'GET', `?tournamentId=${cup.id}&limit=2`);
    const second = await hooks(organizer, 'GET', `?tournamentId=${cup.id}&limit=2&cursor=${first.json().nextCursor}`);
    expect([...first.json().items, ...second.json().items].map((h: { id: string }) => h.id)).toEqual(ids);
    expect((await hooks(organizer, 'GET', `?tournamentId=${cup.id}&limit=101`)).statusCode).toBe(400);
    expect((await hooks(organizer, 'GET', `?tournamentId=${cup.id}&cursor=junk`)).json().code).toBe('INVALID_CURSOR');
    expect((await remove(organizer, ids[0])).statusCode).toBe(204);
    expect((await hooks(organizer, 'GET', `/${ids[0]}`)).statusCode).toBe(404);
    await subscribe(organizer, body({}));
  });

  it('creates one webhook for retries with the same Idempotency-Key', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const body = { tournamentId: cup.id, url: `${receiver.url}/i`, eventTypes: ['match.event.recorded'] };
    const key = { 'idempotency-key': randomUUID() };
    const first = await http.call(organizer, 'POST', '/api/v1/webhooks', body, key);
    const again = await http.call(organizer, 'POST', '/api/v1/webhooks', body, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
    const other = await http.call(organizer, 'POST', '/api/v1/webhooks', { ...body, url: `${receiver.url}/j` }, key);
    expect([other.statusCode, other.json().code]).toEqual([422, 'WEBHOOK_IDEMPOTENCY_KEY_REUSED']);
    const list = (await hooks(organizer, 'GET', `?tournamentId=${cup.id}`)).json<{ items: unknown[] }>();
    expect(list.items).toHaveLength(1);
    const bad = await http.call(organizer, 'POST', '/api/v1/webhooks', body, { 'idempotency-key': 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses strangers on every route, pauses and resumes for the owner', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const captain = newUser();
    const teamId = await t.seedTeam(captain, [newUser()]);
    const hook = await subscribe(organizer, {
      tournamentId: cup.id,
      url: `${receiver.url}/s`,
      eventTypes: ['match.event.recorded'],
    });
    const stranger = newUser();
    const otherOrganizer = newOrganizer();
    const eventTypes = ['tournament.team.registered'];

    expect((await hooks(null, 'POST', '', { tournamentId: cup.id, url: receiver.url, eventTypes })).statusCode).toBe(
      401,
    );
    expect((await hooks(null, 'GET', `/${hook.id}`)).statusCode).toBe(401);
    const asStranger = await hooks(otherOrganizer, 'POST', '', { tournamentId: cup.id, url: receiver.url, eventTypes });
    expect([asStranger.statusCode, asStranger.json().code]).toEqual([403, 'TOURNAMENT_NOT_ORGANIZER']);
    const notCaptain = await hooks(stranger, 'POST', '', { teamId, url: receiver.url, eventTypes });
    expect([notCaptain.statusCode, notCaptain.json().code]).toEqual([403, 'WEBHOOK_NOT_CAPTAIN']);
    expect((await hooks(stranger, 'GET', `?tournamentId=${cup.id}`)).statusCode).toBe(403);
    expect((await hooks(stranger, 'GET', `?teamId=${teamId}`)).json().code).toBe('WEBHOOK_NOT_CAPTAIN');
    expect((await hooks(stranger, 'GET', '')).json().code).toBe('WEBHOOK_OWNER_REQUIRED');

    for (const [method, path] of [
      ['GET', `/${hook.id}`],
      ['POST', `/${hook.id}/pause`],
      ['POST', `/${hook.id}/resume`],
      ['POST', `/${hook.id}/rotate-secret`],
      ['GET', `/${hook.id}/deliveries`],
      ['GET', `/${hook.id}/deliveries/${randomUUID()}`],
      ['POST', `/${hook.id}/deliveries/${randomUUID()}/replay`],
    ] as const) {
      const res = await hooks(otherOrganizer, method, path);
      expect([res.statusCode, res.json().code], `${method} ${path}`).toEqual([404, 'WEBHOOK_NOT_FOUND']);
    }
    const del = await remove(stranger, hook.id);
    expect([del.statusCode, del.json().code]).toEqual([404, 'WEBHOOK_NOT_FOUND']);
    expect((await hooks(organizer, 'GET', `/${hook.id}/deliveries/${randomUUID()}`)).json().code).toBe(
      'WEBHOOK_DELIVERY_NOT_FOUND',
    );
    expect((await hooks(organizer, 'GET', '/not-a-uuid')).statusCode).toBe(400);

    expect((await hooks(organizer, 'POST', `/${hook.id}/pause`)).json().status).toBe('paused');
    expect((await hooks(organizer, 'GET', `/${hook.id}`)).json().status).toBe('paused');
    expect((await hooks(organizer, 'POST', `/${hook.id}/resume`)).json().status).toBe('active');
    const teamHook = await subscribe(captain, { teamId, url: `${receiver.url}/s`, eventTypes });
    expect((await hooks(captain, 'GET', `?teamId=${teamId}`)).json().items).toEqual([
      expect.objectContaining({ id: teamHook.id, teamId }),
    ]);
  });
});
