import { envelopeSchemaFor, Topics } from '@prodvor/contracts';
import { probeTopic } from './support/kafka-probe';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';
import { teamApi } from './support/team-api';

const DAY_MS = 24 * 3_600_000;

describe('invitations and invite codes over HTTP', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('invites a user who sees, then accepts the invitation and joins as a player', async () => {
    const captain = newUser();
    const player = newUser();
    const team = await api.createTeam(captain, { name: 'Invite FC' });
    const invited = await api.invite(captain, team.id, player.id);
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ teamId: team.id, userId: player.id, status: 'pending' });

    const mine = await api.call(player, 'GET', '/api/v1/invitations');
    expect(mine.json().items).toEqual([expect.objectContaining({ id: invited.json().id, teamName: 'Invite FC' })]);

    const accepted = await api.accept(player, invited.json().id);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect((await api.roster(team.id)).map((m) => m.userId)).toContain(player.id);
    const again = await api.accept(player, invited.json().id);
    expect(again.json().code).toBe('INVITATION_NOT_PENDING');
    expect((await api.invite(captain, team.id, player.id)).json().code).toBe('TEAM_ALREADY_MEMBER');
  });

  it("refuses a double invite, a stranger inviting, and accepting someone else's invitation", async () => {
    const captain = newUser();
    const player = newUser();
    const team = await api.createTeam(captain);
    const [first, second] = await Promise.all([
      api.invite(captain, team.id, player.id),
      api.invite(captain, team.id, player.id),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const invitation = [first, second].find((r) => r.statusCode === 201)!.json();
    expect([first, second].find((r) => r.statusCode === 409)!.json().code).toBe('INVITATION_ALREADY_PENDING');

    const stranger = newUser();
    expect((await api.invite(stranger, team.id, newUser().id)).json().code).toBe('TEAM_NOT_MANAGER');
    const hijack = await api.accept(stranger, invitation.id);
    expect(hijack.statusCode).toBe(404);
    expect(hijack.json().code).toBe('INVITATION_NOT_FOUND');
    expect((await api.call(stranger, 'POST', `/api/v1/invitations/${invitation.id}/decline`)).statusCode).toBe(404);

    const declined = await api.call(player, 'POST', `/api/v1/invitations/${invitation.id}/decline`);
    expect(declined.json().status).toBe('declined');
    expect((await api.invite(captain, team.id, player.id)).statusCode).toBe(201);
  });

  it('expires invitations, and allows a new one after expiry', async () => {
    const captain = newUser();
    const player = newUser();
    const team = await api.createTeam(captain);
    const invitation = (await api.invite(captain, team.id, player.id, { expiresInHours: 24 })).json();

    const later = new Date(Date.now() + 2 * DAY_MS);
    vi.spyOn(t.clock, 'now').mockReturnValue(later);
    const expired = await api.accept(player, invitation.id);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('INVITATION_EXPIRED');
    expect((await api.call(player, 'GET', '/api/v1/invitations')).json().items).toEqual([]);
    const fresh = await api.invite(captain, team.id, player.id);
    expect(fresh.statusCode).toBe(201);
    expect((await api.accept(player, fresh.json().id)).statusCode).toBe(200);
  });

  it('lets the inviter revoke a pending invitation', async () => {
    const captain = newUser();
    const player = newUser();
    const team = await api.createTeam(captain);
    const invitation = (await api.invite(captain, team.id, player.id)).json();
    const sent = await api.call(captain, 'GET', `/api/v1/teams/${team.id}/invitations`);
    expect(sent.json()).toEqual({ items: [expect.objectContaining({ id: invitation.id })], nextCursor: null });
    expect((await api.call(player, 'GET', `/api/v1/teams/${team.id}/invitations`)).statusCode).toBe(403);
    expect((await api.call(player, 'POST', `/api/v1/invitations/${invitation.id}/revoke`)).json().code).toBe(
      'TEAM_NOT_MANAGER',
    );
    expect((await api.call(captain, 'POST', `/api/v1/invitations/${invitation.id}/revoke`)).json().status).toBe(
      'revoked',
    );
    expect((await api.accept(player, invitation.id)).json().code).toBe('INVITATION_NOT_PENDING');
  });

  it('publishes team.invitation.created and .resolved (accepted, declined, revoked) through the outbox', async () => {
    const probe = await probeTopic(t.kafka, Topics.teamEvents);
    try {
      const captain = newUser();
      const [accepting, declining, revoked, open] = [newUser(), newUser(), newUser(), newUser()];
      const team = await api.createTeam(captain, { name: 'Outbox FC' });
      const invite = async (userId: string) => (await api.invite(captain, team.id, userId)).json<{ id: string }>();
      const toAccept = await invite(accepting.id);
      const toDecline = await invite(declining.id);
      const toRevoke = await invite(revoked.id);
      const leftOpen = await invite(open.id);
      await api.accept(accepting, toAccept.id);
      await api.call(declining, 'POST', `/api/v1/invitations/${toDecline.id}/decline`);
      await api.call(captain, 'POST', `/api/v1/invitations/${toRevoke.id}/revoke`);
      // Refused answers publish nothing.
      await api.call(newUser(), 'POST', `/api/v1/invitations/${leftOpen.id}/decline`);
      await api.accept(accepting, toAccept.id);
      // Archiving the team revokes what is still open, and says so.
      await api.call(captain, 'POST', `/api/v1/teams/${team.id}/archive`);
      await t.flushOutbox();

      const ofTeam = () =>
        probe.received.filter((e) => e.key === team.id && e.envelope.type.startsWith('team.invitation.'));
      await probe.waitFor(() => ofTeam().length >= 8);
      for (const { envelope } of ofTeam())
        expect(envelopeSchemaFor(envelope.type).safeParse(envelope).success).toBe(true);
      const created = ofTeam().filter((e) => e.envelope.type === 'team.invitation.created');
      expect(created.map((e) => e.envelope.data)).toEqual(
        [toAccept, toDecline, toRevoke, leftOpen].map((invitation, i) => ({
          teamId: team.id,
          invitationId: invitation.id,
          userId: [accepting, declining, revoked, open][i].id,
          invitedBy: captain.id,
          expiresAt: expect.any(String),
        })),
      );
      const resolved = ofTeam().filter((e) => e.envelope.type === 'team.invitation.resolved');
      expect(resolved.map((e) => e.envelope.data)).toEqual([
        { teamId: team.id, invitationId: toAccept.id, userId: accepting.id, status: 'accepted' },
        { teamId: team.id, invitationId: toDecline.id, userId: declining.id, status: 'declined' },
        { teamId: team.id, invitationId: toRevoke.id, userId: revoked.id, status: 'revoked' },
        { teamId: team.id, invitationId: leftOpen.id, userId: open.id, status: 'revoked' },
      ]);
    } finally {
      await probe.stop();
    }
  });

  it('lets anyone join a recruiting team with a code until it is used up, expired or revoked', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const created = await api.call(captain, 'POST', `/api/v1/teams/${team.id}/invite-codes`, { maxUses: 1 });
    expect(created.statusCode).toBe(201);
    const { code } = created.json();
    expect(code).toMatch(/^[A-Za-z0-9_-]{10}$/);

    const player = newUser();
    const redeemed = await api.call(player, 'POST', `/api/v1/invite-codes/${code}/redeem`);
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toMatchObject({ teamId: team.id, member: { userId: player.id, role: 'player' } });
    expect((await api.call(newUser(), 'POST', `/api/v1/invite-codes/${code}/redeem`)).json().code).toBe(
      'INVITE_CODE_USED_UP',
    );

    const timed = (
      await api.call(captain, 'POST', `/api/v1/teams/${team.id}/invite-codes`, { expiresInHours: 1 })
    ).json();
    vi.spyOn(t.clock, 'now').mockReturnValue(new Date(Date.now() + DAY_MS));
    expect((await api.call(newUser(), 'POST', `/api/v1/invite-codes/${timed.code}/redeem`)).json().code).toBe(
      'INVITE_CODE_EXPIRED',
    );
    vi.restoreAllMocks();

    const open = (await api.call(captain, 'POST', `/api/v1/teams/${team.id}/invite-codes`, {})).json();
    expect((await api.call(player, 'DELETE', `/api/v1/invite-codes/${open.code}`)).json().code).toBe(
      'TEAM_NOT_MANAGER',
    );
    const listed = await api.call(captain, 'GET', `/api/v1/teams/${team.id}/invite-codes?limit=1`);
    expect(listed.json().items).toHaveLength(1);
    expect(listed.json().nextCursor).not.toBeNull();
    expect((await api.call(player, 'GET', `/api/v1/teams/${team.id}/invite-codes`)).json().code).toBe(
      'TEAM_NOT_MANAGER',
    );
    expect((await api.call(captain, 'DELETE', `/api/v1/invite-codes/${open.code}`)).json().revokedAt).not.toBeNull();
    const remaining = (await api.call(captain, 'GET', `/api/v1/teams/${team.id}/invite-codes`)).json().items;
    expect(remaining.map((c: { code: string }) => c.code)).not.toContain(open.code);
    expect((await api.call(newUser(), 'POST', `/api/v1/invite-codes/${open.code}/redeem`)).json().code).toBe(
      'INVITE_CODE_REVOKED',
    );
    expect((await api.call(newUser(), 'POST', '/api/v1/invite-codes/nope!/redeem')).statusCode).toBe(400);
    expect((await api.call(newUser(), 'POST', '/api/v1/invite-codes/AAAAAAAAAA/redeem')).json().code).toBe(
      'INVITE_CODE_NOT_FOUND',
    );
  });

  it('refuses codes of a team that stopped recruiting', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const { code } = (await api.call(captain, 'POST', `/api/v1/teams/${team.id}/invite-codes`, {})).json();
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}`, { recruiting: false });
    const res = await api.call(newUser(), 'POST', `/api/v1/invite-codes/${code}/redeem`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('TEAM_NOT_RECRUITING');
  });

  it('lets a single-use code be redeemed once under concurrent redeems', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const { code } = (await api.call(captain, 'POST', `/api/v1/teams/${team.id}/invite-codes`, { maxUses: 1 })).json();
    const results = await Promise.all(
      [newUser(), newUser(), newUser()].map((user) => api.call(user, 'POST', `/api/v1/invite-codes/${code}/redeem`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410, 410]);
    expect(await api.roster(team.id)).toHaveLength(2);
  });

  it('never lets concurrent accepts overflow the roster', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { format: '5x5' });
    for (let i = 0; i < 10; i++) await api.addPlayer(captain, team.id); // 11 of 12
    const invitees = Array.from({ length: 5 }, () => newUser());
    const invitations: { id: string }[] = [];
    for (const invitee of invitees) invitations.push((await api.invite(captain, team.id, invitee.id)).json());
    const results = await Promise.all(invitees.map((invitee, i) => api.accept(invitee, invitations[i].id)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 422, 422, 422, 422]);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().code === 'TEAM_ROSTER_FULL')).toBe(true);
    expect(await api.roster(team.id)).toHaveLength(12);
  });
});
