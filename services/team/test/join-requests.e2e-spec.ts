import { envelopeSchemaFor, Topics } from '@prodvor/contracts';
import { probeTopic } from './support/kafka-probe';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';
import { teamApi } from './support/team-api';

describe('join requests over HTTP', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses to ask a team that is not recruiting', async () => {
    const team = await api.createTeam(newUser(), { recruiting: false });
    const res = await api.call(newUser(), 'POST', `/api/v1/teams/${team.id}/join-requests`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TEAM_NOT_RECRUITING');
  });

  it('lets a user ask once, and the captain or vice-captain approve or reject', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const vice = await api.addPlayer(captain, team.id);
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${vice.id}`, { role: 'vice_captain' });

    const asker = newUser();
    const asked = await api.call(asker, 'POST', `/api/v1/teams/${team.id}/join-requests`, { message: 'Left back' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', message: 'Left back', userId: asker.id });
    const twice = await api.call(asker, 'POST', `/api/v1/teams/${team.id}/join-requests`, {});
    expect(twice.json().code).toBe('JOIN_REQUEST_ALREADY_PENDING');

    const other = newUser();
    const second = (await api.call(other, 'POST', `/api/v1/teams/${team.id}/join-requests`, {})).json();

    expect((await api.call(asker, 'GET', `/api/v1/teams/${team.id}/join-requests`)).json().code).toBe(
      'TEAM_NOT_MANAGER',
    );
    const page = await api.call(vice, 'GET', `/api/v1/teams/${team.id}/join-requests?limit=1`);
    expect(page.json().items.map((r: { id: string }) => r.id)).toEqual([asked.json().id]);
    const next = await api.call(
      vice,
      'GET',
      `/api/v1/teams/${team.id}/join-requests?limit=1&cursor=${page.json().nextCursor}`,
    );
    expect(next.json()).toEqual({ items: [expect.objectContaining({ id: second.id })], nextCursor: null });

    const selfApprove = await api.call(asker, 'POST', `/api/v1/join-requests/${asked.json().id}/approve`);
    expect(selfApprove.json().code).toBe('TEAM_NOT_MANAGER');
    const approved = await api.call(vice, 'POST', `/api/v1/join-requests/${asked.json().id}/approve`);
    expect(approved.json().status).toBe('approved');
    expect((await api.roster(team.id)).map((m) => m.userId)).toContain(asker.id);
    expect((await api.call(captain, 'POST', `/api/v1/join-requests/${asked.json().id}/reject`)).json().code).toBe(
      'JOIN_REQUEST_NOT_PENDING',
    );

    const rejected = await api.call(captain, 'POST', `/api/v1/join-requests/${second.id}/reject`);
    expect(rejected.json().status).toBe('rejected');
    expect((await api.roster(team.id)).map((m) => m.userId)).not.toContain(other.id);
    expect(
      (await api.call(captain, 'POST', '/api/v1/join-requests/0190f0a0-0000-7000-8000-000000000000/approve'))
        .statusCode,
    ).toBe(404);
  });

  it('publishes team.join_request.created and .decided through the outbox, archiving rejecting what is open', async () => {
    const probe = await probeTopic(t.kafka, Topics.teamEvents);
    try {
      const captain = newUser();
      const team = await api.createTeam(captain, { recruiting: true });
      const [approvedUser, rejectedUser, openUser] = [newUser(), newUser(), newUser()];
      const ask = async (user: typeof captain) =>
        (await api.call(user, 'POST', `/api/v1/teams/${team.id}/join-requests`, {})).json<{ id: string }>();
      const toApprove = await ask(approvedUser);
      const toReject = await ask(rejectedUser);
      const leftOpen = await ask(openUser);
      await api.call(captain, 'POST', `/api/v1/join-requests/${toApprove.id}/approve`);
      await api.call(captain, 'POST', `/api/v1/join-requests/${toReject.id}/reject`);
      await api.call(openUser, 'POST', `/api/v1/join-requests/${leftOpen.id}/approve`);
      await api.call(captain, 'POST', `/api/v1/teams/${team.id}/archive`);
      await t.flushOutbox();

      const ofTeam = () =>
        probe.received.filter((e) => e.key === team.id && e.envelope.type.startsWith('team.join_request.'));
      await probe.waitFor(() => ofTeam().length >= 6);
      for (const { envelope } of ofTeam())
        expect(envelopeSchemaFor(envelope.type).safeParse(envelope).success).toBe(true);
      const created = (requestId: string, userId: string) => ({
        type: 'team.join_request.created',
        data: { teamId: team.id, requestId, userId, createdAt: expect.any(String) },
      });
      const decided = (requestId: string, userId: string, status: string) => ({
        type: 'team.join_request.decided',
        data: { teamId: team.id, requestId, userId, status, decidedBy: captain.id },
      });
      expect(ofTeam().map((e) => ({ type: e.envelope.type, data: e.envelope.data }))).toEqual([
        created(toApprove.id, approvedUser.id),
        created(toReject.id, rejectedUser.id),
        created(leftOpen.id, openUser.id),
        decided(toApprove.id, approvedUser.id, 'approved'),
        decided(toReject.id, rejectedUser.id, 'rejected'),
        decided(leftOpen.id, openUser.id, 'rejected'),
      ]);
    } finally {
      await probe.stop();
    }
  });
});
