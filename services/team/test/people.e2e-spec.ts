import { createEnvelope, type EventEnvelope, Topics } from '@prodvor/contracts';
import { UserProfiles } from '@prodvor/platform';
import { randomUUID } from 'node:crypto';
import { PrismaClient } from '../src/generated/prisma/client';
import { eventually, produce } from './support/kafka-probe';
import { scheduleApi } from './support/schedule-api';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp } from './support/team-app';

interface Person {
  userId: string;
  displayName: string | null;
  avatar: { mediaId: string; variants: Record<string, string> } | null;
}

const avatarOf = (mediaId: string) => ({
  mediaId,
  variants: {
    'avatar-200': `/api/v1/public-media/${mediaId}/avatar-200`,
    'avatar-400': `/api/v1/public-media/${mediaId}/avatar-400`,
  },
});

describe('people in responses: display names and avatars from user.events.v1, not bare ids', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let schedule: ReturnType<typeof scheduleApi>;
  let profiles: UserProfiles;
  let prisma: PrismaClient;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    schedule = scheduleApi(t.app);
    profiles = t.app.get(UserProfiles);
    prisma = t.app.get(PrismaClient);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function userEvent(type: string, userId: string, data: Record<string, unknown>, at?: Date) {
    const envelope: EventEnvelope = createEnvelope({
      type,
      producer: 'user',
      subject: userId,
      correlationId: randomUUID(),
      data,
      ...(at ? { now: at } : {}),
    });
    await produce(t.kafka, Topics.userEvents, userId, envelope);
    return envelope;
  }

  /** Whether the profiles consumer has handled the event (claimed it in the inbox). */
  const handled = async (eventId: string) =>
    (await prisma.inboxEvent.count({ where: { consumer: 'team.user-profiles', eventId } })) === 1;

  const read = (teamId: string) => t.app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}` });

  it('an anonymous visitor reads a team page with names and avatar links; an older event changes nothing', async () => {
    const { teamId, captain, vice, members } = await schedule.squad(2);
    const [keeper, striker] = members;
    // Read (and cached) before any profile is known: the members are there, without names.
    const before = (await read(teamId)).json<{ members: Person[] }>();
    expect(before.members.every((m) => m.displayName === null && m.avatar === null)).toBe(true);

    const avatarId = randomUUID();
    const now = Date.now();
    await userEvent('user.registered', captain.id, { userId: captain.id, username: 'cap10' });
    await userEvent(
      'user.profile.updated',
      keeper.id,
      { userId: keeper.id, displayName: 'Lev Yashin', avatarMediaId: avatarId },
      new Date(now),
    );
    const older = await userEvent(
      'user.profile.updated',
      keeper.id,
      { userId: keeper.id, displayName: 'Old Name' },
      new Date(now - 60_000),
    );
    // A display name wins over the username whatever the order.
    await userEvent('user.profile.updated', striker.id, { userId: striker.id, displayName: 'Striker' });
    await userEvent('user.registered', striker.id, { userId: striker.id, username: 'striker99' });
    await eventually(async () => (await profiles.profiles([captain.id, keeper.id, striker.id])).size === 3, 45_000);
    await eventually(() => handled(older.id), 45_000);

    // The cached page was dropped when the profiles changed.
    const res = await read(teamId);
    expect(res.statusCode).toBe(200);
    const byId = new Map(res.json<{ members: Person[] }>().members.map((m) => [m.userId, m]));
    expect(byId.get(captain.id)).toMatchObject({ displayName: 'cap10', avatar: null, role: 'captain' });
    expect(byId.get(keeper.id)).toMatchObject({ displayName: 'Lev Yashin', avatar: avatarOf(avatarId) });
    expect(byId.get(striker.id)).toMatchObject({ displayName: 'Striker', avatar: null });
    expect(byId.get(vice.id)).toMatchObject({ displayName: null, avatar: null });

    // Answers to an event carry them too.
    const event = await schedule.eventIn(captain, teamId, 7 * 24 * 3600_000);
    expect((await schedule.rsvp(keeper, teamId, event.id, event.startsAt, 'yes')).json()).toMatchObject({
      userId: keeper.id,
      displayName: 'Lev Yashin',
    });
    await schedule.rsvp(striker, teamId, event.id, event.startsAt, 'no');
    const rsvps = (await schedule.rsvps(vice, teamId, event.id, event.startsAt)).json<Record<string, Person[]>>();
    expect(rsvps.going).toEqual([expect.objectContaining({ userId: keeper.id, avatar: avatarOf(avatarId) })]);
    expect(rsvps.no).toEqual([expect.objectContaining({ userId: striker.id, displayName: 'Striker' })]);

    // So does the attendance of an event that has started.
    const past = await schedule.eventIn(captain, teamId, -3600_000);
    const attendance = `/api/v1/teams/${teamId}/events/${past.id}/occurrences/${past.startsAt}/attendance`;
    const entries = [keeper, vice].map((m) => ({ userId: m.id, present: true }));
    expect((await api.call(captain, 'PUT', attendance, { entries })).statusCode).toBe(200);
    const marks = (await api.call(striker, 'GET', attendance)).json<{ items: Person[] }>().items;
    expect(marks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: keeper.id, displayName: 'Lev Yashin', avatar: avatarOf(avatarId) }),
        expect.objectContaining({ userId: vice.id, displayName: null, avatar: null }),
      ]),
    );
  }, 120_000);

  it('shows managers who asks to join and whom they invited; user.deleted removes the name', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { recruiting: true });
    const asker = newUser();
    const invitee = newUser();
    await userEvent('user.profile.updated', asker.id, { userId: asker.id, displayName: 'Asker' });
    const named = await userEvent('user.profile.updated', invitee.id, { userId: invitee.id, displayName: 'Invitee' });
    await eventually(() => handled(named.id), 45_000);
    await eventually(async () => (await profiles.profiles([asker.id])).size === 1, 45_000);

    expect((await api.call(asker, 'POST', `/api/v1/teams/${team.id}/join-requests`, {})).statusCode).toBe(201);
    const invited = await api.invite(captain, team.id, invitee.id);
    expect(invited.json()).toMatchObject({ userId: invitee.id, displayName: 'Invitee', avatar: null });
    const requests = (await api.call(captain, 'GET', `/api/v1/teams/${team.id}/join-requests`)).json();
    expect(requests.items).toEqual([expect.objectContaining({ userId: asker.id, displayName: 'Asker' })]);
    const invitations = (await api.call(captain, 'GET', `/api/v1/teams/${team.id}/invitations`)).json();
    expect(invitations.items).toEqual([expect.objectContaining({ userId: invitee.id, displayName: 'Invitee' })]);

    await userEvent('user.deleted', asker.id, { userId: asker.id });
    await eventually(async () => !(await profiles.profiles([asker.id])).has(asker.id), 45_000);
    expect(await prisma.userProfile.count({ where: { userId: asker.id } })).toBe(0);
  }, 120_000);

  it('reads the names of a 30-member roster in one query', async () => {
    const captain = newUser();
    const team = await api.createTeam(captain, { format: '11x11' });
    // More than any format allows through the API: seeded straight into the roster.
    const others = Array.from({ length: 29 }, () => randomUUID());
    await prisma.teamMember.createMany({
      data: others.map((userId, i) => ({ teamId: team.id, userId, role: 'player' as const, joinedAt: new Date(i) })),
    });
    const everyone = [captain.id, ...others];
    await Promise.all(
      everyone.map((userId, i) => userEvent('user.profile.updated', userId, { userId, displayName: `Player ${i}` })),
    );
    await eventually(async () => (await profiles.profiles(everyone)).size === 30, 60_000);

    const reads = vi.spyOn(profiles, 'profiles');
    try {
      const res = await read(team.id);
      expect(res.statusCode).toBe(200);
      const members = res.json<{ members: Person[] }>().members;
      expect(members).toHaveLength(30);
      expect(new Set(members.map((m) => m.displayName))).toEqual(new Set(everyone.map((_, i) => `Player ${i}`)));
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  }, 120_000);
});
