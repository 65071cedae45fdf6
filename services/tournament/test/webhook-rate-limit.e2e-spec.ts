import { eventually } from '@prodvor/testing';
import { api, newOrganizer, newUser, startTournamentApp, type TournamentTestApp } from './support/tournament-app';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

describe('webhooks: per-subscriber rate limit and pausing', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTournamentApp({
      WEBHOOK_DEV_ALLOW_HTTP: 'true',
      WEBHOOK_DEV_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32',
      WEBHOOK_ALLOWED_PORTS: String(receiver.port),
      // two deliveries a second, no burst: the third of three events cannot go before a second has passed
      WEBHOOK_RATE_PER_SECOND: '2',
      WEBHOOK_RATE_BURST: '1',
      WEBHOOK_THROTTLE_DELAY_MS: '100',
    });
    http = api(t.app);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const pump = async () => {
    await t.flushOutbox();
    await t.flushNotifications();
  };

  async function register(tournamentId: string) {
    const captain = newUser();
    const teamId = await t.seedTeam(captain);
    const res = await http.call(captain, 'POST', `/api/v1/tournaments/${tournamentId}/registrations`, { teamId });
    expect(res.statusCode, res.body).toBe(201);
    return teamId;
  }

  it('delays deliveries over the limit instead of dropping them, and sends nothing while paused', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer);
    const created = await http.call(organizer, 'POST', '/api/v1/webhooks', {
      tournamentId: cup.id,
      url: `${receiver.url}/limited`,
      eventTypes: ['tournament.team.registered'],
    });
    const hook = created.json<{ id: string }>();

    const teams = [await register(cup.id), await register(cup.id), await register(cup.id)];
    await eventually(async () => {
      await pump();
      return receiver.on('/limited').length === 3;
    });
    const got = receiver.on('/limited');
    expect(got.map((r) => (JSON.parse(r.body) as { data: { teamId: string } }).data.teamId).sort()).toEqual(
      [...teams].sort(),
    );
    expect(got[2].at - got[0].at).toBeGreaterThanOrEqual(900);
    // a deferral is not an attempt: each delivery went out once
    const page = (await http.call(organizer, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).json<{
      items: { status: string; attempts: number }[];
    }>();
    expect(page.items.map((d) => [d.status, d.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
      ['succeeded', 1],
    ]);

    expect((await http.call(organizer, 'POST', `/api/v1/webhooks/${hook.id}/pause`)).statusCode).toBe(200);
    await register(cup.id);
    await pump();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await pump();
    expect(receiver.on('/limited')).toHaveLength(3);
    expect((await http.call(organizer, 'POST', `/api/v1/webhooks/${hook.id}/resume`)).statusCode).toBe(200);
    const afterResume = await register(cup.id);
    await eventually(async () => {
      await pump();
      return receiver.on('/limited').length === 4;
    });
    expect(receiver.on('/limited')[3].body).toContain(afterResume);
  });
});
