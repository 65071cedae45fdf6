import { Topics } from '@prodvor/contracts';
import {
  captureNotificationJobs,
  eventually,
  probeTopic,
  type NotificationJob,
  type NotificationJobs,
} from '@prodvor/testing';
import { api, newOrganizer, newUser, startTournamentApp, type TournamentTestApp } from './support/tournament-app';

describe('private tournaments: who sees them, who registers, and who is told of changes', () => {
  let t: TournamentTestApp;
  let http: ReturnType<typeof api>;
  let jobs: NotificationJobs;
  let delivered: NotificationJob[];

  beforeAll(async () => {
    t = await startTournamentApp();
    http = api(t.app);
    jobs = await captureNotificationJobs(t.vhost.url);
    delivered = jobs.received;
  });

  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  async function privateCupWithInvite() {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { visibility: 'private', name: 'Invite-only cup' });
    const code = (await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/invites`)).json<{
      code: string;
    }>().code;
    return { organizer, cup, code };
  }

  it('takes a withdrawn team out of sight like a stranger, and registers it again only with a valid invite code', async () => {
    const { cup, code } = await privateCupWithInvite();
    const captain = newUser();
    const player = newUser();
    const teamId = await t.seedTeam(captain, [player]);
    const register = (body: Record<string, unknown>) =>
      http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, { teamId, ...body });
    expect((await register({ inviteCode: code })).statusCode).toBe(201);
    expect((await http.call(player, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(200);

    const withdrawn = await http.call(
      captain,
      'POST',
      `/api/v1/tournaments/${cup.id}/registrations/${teamId}/withdraw`,
    );
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    for (const user of [player, captain]) {
      expect((await http.call(user, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(404);
      expect((await http.call(user, 'GET', `/api/v1/tournaments/${cup.id}/registrations`)).statusCode).toBe(404);
    }
    const again = await register({});
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('TOURNAMENT_NOT_FOUND');
    expect((await register({ inviteCode: `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}` })).statusCode).toBe(
      404,
    );
    expect((await register({ inviteCode: code })).json()).toMatchObject({ status: 'pending' });
    expect((await http.call(player, 'GET', `/api/v1/tournaments/${cup.id}`)).statusCode).toBe(200);
  });

  it('answers the cached standings read by who may see the tournament now, after a change of visibility or of teams', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { visibility: 'public', name: 'Open, then invite-only' });
    const standings = (user: Parameters<typeof http.call>[0]) =>
      http.call(user, 'GET', `/api/v1/tournaments/${cup.id}/standings`);
    const stranger = newUser();
    for (const user of [null, stranger, null]) expect((await standings(user)).statusCode).toBe(200);

    await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { visibility: 'private' });
    for (const user of [null, stranger]) expect((await standings(user)).statusCode).toBe(404);
    expect((await standings(organizer)).statusCode).toBe(200);

    const code = (await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/invites`)).json<{
      code: string;
    }>().code;
    const captain = newUser();
    const player = newUser();
    const teamId = await t.seedTeam(captain, [player]);
    expect((await standings(player)).statusCode).toBe(404);
    const registered = await http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, {
      teamId,
      inviteCode: code,
    });
    expect(registered.statusCode).toBe(201);
    expect((await standings(player)).statusCode).toBe(200);
    await http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations/${teamId}/withdraw`);
    expect((await standings(player)).statusCode).toBe(404);
  });

  it('does not take seeing a private tournament as an invitation: another team of a participant needs the code', async () => {
    const { cup, code } = await privateCupWithInvite();
    const captain = newUser();
    const first = await t.seedTeam(captain);
    const second = await t.seedTeam(captain);
    const register = (teamId: string, body: Record<string, unknown> = {}) =>
      http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, { teamId, ...body });
    expect((await register(first, { inviteCode: code })).statusCode).toBe(201);
    const refused = await register(second);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('REGISTRATION_INVITE_REQUIRED');
    expect((await register(second, { inviteCode: code })).statusCode).toBe(201);
  });

  it('publishes tournament.updated with the visibility, and tournament.cancelled, through the outbox', async () => {
    const probe = await probeTopic(t.kafka, Topics.tournamentEvents);
    try {
      const organizer = newOrganizer();
      const cup = await http.createTournament(organizer, { name: 'Open cup' });
      const patched = await http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, { visibility: 'private' });
      expect(patched.json()).toMatchObject({ visibility: 'private' });
      expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/cancel`)).statusCode).toBe(200);
      await t.flushOutbox();
      await probe.waitFor((events) =>
        events.some((e) => e.key === cup.id && e.envelope.type === 'tournament.cancelled'),
      );
      const mine = probe.received.filter((e) => e.key === cup.id).map((e) => e.envelope);
      expect(mine.map((e) => e.type)).toEqual(['tournament.created', 'tournament.updated', 'tournament.cancelled']);
      expect(mine[1].data).toEqual({ tournamentId: cup.id, name: 'Open cup', visibility: 'private' });
      expect(mine[2].data).toEqual({ tournamentId: cup.id });
    } finally {
      await probe.stop();
    }
  });

  it('tells every member of the teams still taking part that the tournament is cancelled', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { name: 'Rained-out cup' });
    const [approvedCaptain, approvedPlayer, pendingCaptain, leaverCaptain] = [
      newUser(),
      newUser(),
      newUser(),
      newUser(),
    ];
    const approved = await t.seedTeam(approvedCaptain, [approvedPlayer]);
    await http.enter(organizer, cup.id, [{ captain: approvedCaptain, teamId: approved }]);
    const pending = await t.seedTeam(pendingCaptain);
    const leaver = await t.seedTeam(leaverCaptain);
    for (const [captain, teamId] of [
      [pendingCaptain, pending],
      [leaverCaptain, leaver],
    ] as const)
      expect(
        (await http.call(captain, 'POST', `/api/v1/tournaments/${cup.id}/registrations`, { teamId })).statusCode,
      ).toBe(201);
    await http.call(leaverCaptain, 'POST', `/api/v1/tournaments/${cup.id}/registrations/${leaver}/withdraw`);

    expect((await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/cancel`)).json()).toMatchObject({
      status: 'cancelled',
    });
    await t.flushNotifications();
    const told = () => delivered.filter((n) => n.data.tournamentId === cup.id && n.title.includes('cancelled'));
    await eventually(async () => told().length === 3);
    expect(
      told()
        .map((n) => n.userId)
        .sort(),
    ).toEqual([approvedCaptain.id, approvedPlayer.id, pendingCaptain.id].sort());
    expect(told()[0]).toMatchObject({ kind: 'tournament_update' });
  });

  it('tells the teams taking part when the organizer moves the dates or renames it, not for a description', async () => {
    const organizer = newOrganizer();
    const cup = await http.createTournament(organizer, { name: 'Moving cup' });
    const [captain, player] = [newUser(), newUser()];
    const teamId = await t.seedTeam(captain, [player]);
    await http.enter(organizer, cup.id, [{ captain, teamId }]);
    const patch = (body: Record<string, unknown>) =>
      http.call(organizer, 'PATCH', `/api/v1/tournaments/${cup.id}`, body);
    expect((await patch({ description: 'Bring water' })).statusCode).toBe(200);
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await patch({ name: 'Moved cup', startsAt: later })).statusCode).toBe(200);
    await t.flushNotifications();
    const told = () =>
      delivered.filter(
        (n) => n.data.tournamentId === cup.id && n.kind === 'tournament_update' && n.title.endsWith(' changed'),
      );
    await eventually(async () => told().length === 2);
    expect(
      told()
        .map((n) => n.userId)
        .sort(),
    ).toEqual([captain.id, player.id].sort());
    expect(told()[0].title).toBe('Moved cup: name, dates changed');
    // The description edit told nobody.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told()).toHaveLength(2);
  });
});
