import { createEnvelope, envelopeSchemaFor, Topics } from '@prodvor/contracts';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';
import { teamApi } from './support/team-api';
import { eventually, probeTopic, produce } from './support/kafka-probe';

describe('team events and the user.deleted consumer', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let probe: Awaited<ReturnType<typeof probeTopic>>;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    probe = await probeTopic(t.kafka, Topics.teamEvents);
  }, 60_000);

  afterAll(async () => {
    await probe?.stop();
    await t?.close();
  });

  it('publishes every change to team.events.v1 through the outbox, keyed by team, matching the contracts', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { name: 'Event FC', city: 'Kazan' });
    const player = await api.addPlayer(captain, team.id);
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}`, { recruiting: true });
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${player.id}`, { role: 'vice_captain' });
    await api.call(captain, 'POST', `/api/v1/teams/${team.id}/captain`, { userId: player.id });
    await api.call(captain, 'POST', `/api/v1/teams/${team.id}/leave`);
    const extra = await api.addPlayer(player, team.id);
    await api.call(player, 'DELETE', `/api/v1/teams/${team.id}/members/${extra.id}`);
    await api.call(player, 'POST', `/api/v1/teams/${team.id}/archive`);
    await t.flushOutbox();

    const expected = [
      'team.created',
      'team.member.joined',
      // a player is added by invitation (test helper): invited, joined, accepted
      'team.invitation.created',
      'team.member.joined',
      'team.invitation.resolved',
      'team.updated',
      'team.member.role_changed',
      'team.captain.transferred',
      'team.member.role_changed',
      'team.member.left',
      'team.invitation.created',
      'team.member.joined',
      'team.invitation.resolved',
      'team.member.removed',
      'team.archived',
    ];
    const ofTeam = () => probe.received.filter((e) => e.key === team.id);
    await probe.waitFor(() => ofTeam().length >= expected.length);
    expect(ofTeam().map((e) => e.envelope.type)).toEqual(expected);
    for (const { envelope } of ofTeam()) {
      expect(envelopeSchemaFor(envelope.type).safeParse(envelope).success).toBe(true);
      expect(envelope.subject).toBe(team.id);
    }
    expect(ofTeam()[0].envelope.data).toMatchObject({ name: 'Event FC', city: 'Kazan', captainId: captain.id });
    expect(ofTeam()[7].envelope.data).toEqual({ teamId: team.id, fromUserId: captain.id, toUserId: player.id });
  });

  it('publishes nothing for a refused or empty change', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain);
    await api.call(newUser(), 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Nope' });
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Yard Team' });
    await api.call(captain, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Yes' });
    await t.flushOutbox();
    await probe.waitFor((events) => events.some((e) => e.key === team.id && e.envelope.type === 'team.updated'));
    const updates = probe.received.filter((e) => e.key === team.id && e.envelope.type === 'team.updated');
    expect(updates.map((e) => e.envelope.data)).toEqual([{ teamId: team.id, changes: { name: 'Yes' } }]);
  });

  it('removes a deleted user from rosters once, even when the event is delivered twice', async () => {
    const captain = newUser();
    const withVice = await api.createTeam(captain, { name: 'With vice' });
    const player = await api.addPlayer(captain, withVice.id);
    const vice = await api.addPlayer(captain, withVice.id);
    await api.call(captain, 'PATCH', `/api/v1/teams/${withVice.id}/members/${vice.id}`, { role: 'vice_captain' });
    const alone = await api.createTeam(captain, { name: 'Alone' });
    const pending = await api.invite(captain, withVice.id, newUser().id);
    expect(pending.statusCode).toBe(201);

    const deleted = createEnvelope({
      type: 'user.deleted',
      producer: 'user',
      subject: captain.id,
      correlationId: 'test-user-deleted',
      data: { userId: captain.id },
    });
    await produce(t.kafka, Topics.userEvents, captain.id, deleted);
    await eventually(async () => (await api.roster(withVice.id)).every((m) => m.userId !== captain.id));
    expect(await api.roster(withVice.id)).toEqual([
      expect.objectContaining({ userId: vice.id, role: 'captain' }),
      expect.objectContaining({ userId: player.id, role: 'player' }),
    ]);
    const aloneTeam = (await api.call(undefined, 'GET', `/api/v1/teams/${alone.id}`)).json();
    expect(aloneTeam.archivedAt).not.toBeNull();
    expect(aloneTeam.members).toEqual([]);

    // The same user id comes back to the team; a redelivery of the old event must not remove it again.
    await api.call(vice, 'POST', `/api/v1/teams/${withVice.id}/invitations`, { userId: captain.id });
    const invitation = (await api.call(captain, 'GET', '/api/v1/invitations')).json().items[0];
    expect((await api.accept(captain, invitation.id)).statusCode).toBe(200);
    await produce(t.kafka, Topics.userEvents, captain.id, deleted);
    // Same key, same partition: once this marker is handled, the redelivery before it was too.
    const marker = createEnvelope({
      type: 'user.deleted',
      producer: 'user',
      subject: player.id,
      correlationId: 'test-marker',
      data: { userId: player.id },
    });
    await produce(t.kafka, Topics.userEvents, captain.id, { ...marker });
    await eventually(async () => (await api.roster(withVice.id)).every((m) => m.userId !== player.id));
    expect((await api.roster(withVice.id)).map((m) => m.userId)).toContain(captain.id);

    await t.flushOutbox();
    await probe.waitFor((events) => events.some((e) => e.key === alone.id && e.envelope.type === 'team.archived'));
    const transfers = probe.received.filter(
      (e) => e.key === withVice.id && e.envelope.type === 'team.captain.transferred',
    );
    expect(transfers.map((e) => e.envelope.data)).toEqual([
      { teamId: withVice.id, fromUserId: captain.id, toUserId: vice.id },
    ]);
  }, 90_000);

  it('skips other user events, and dead-letters a user.deleted that breaks its contract', async () => {
    const user = newUser();
    const team = await api.createTeam(user);
    const envelope = (type: string, data: unknown) =>
      createEnvelope({ type, producer: 'user', subject: user.id, correlationId: 'test', data });
    const registered = envelope('user.registered', { userId: user.id, username: 'someone' });
    const malformed = envelope('user.deleted', { user: user.id });
    // One key, one partition: handled in this order.
    await produce(t.kafka, Topics.userEvents, user.id, registered);
    await produce(t.kafka, Topics.userEvents, user.id, malformed);
    await produce(t.kafka, Topics.userEvents, user.id, envelope('user.deleted', { userId: user.id }));
    await eventually(async () => (await api.roster(team.id)).length === 0);

    const dlq = await probeTopic(t.kafka, `${Topics.userEvents}.dlq`);
    try {
      await dlq.waitFor((events) => events.some((e) => e.envelope.id === malformed.id));
      expect(dlq.received.filter((e) => e.key === user.id).map((e) => e.envelope.id)).toEqual([malformed.id]);
    } finally {
      await dlq.stop();
    }
  }, 60_000);
});
