import { Topics } from '@prodvor/contracts';
import { randomUUID } from 'node:crypto';
import { AccountDeletionService } from '../src/profiles/account-deletion.service';
import { getMe, homeEvents, pollMe } from './support/home-events';
import { newUser, startUserApp, type UserTestApp } from './support/user-app';

interface MyTeam {
  teamId: string;
  name: string;
  shortName: string | null;
  role: string;
  logo: { mediaId: string; variants: Record<string, string> } | null;
}

describe('GET /api/v1/me/teams from team.events.v1', () => {
  let t: UserTestApp;
  let events: ReturnType<typeof homeEvents>;

  beforeAll(async () => {
    t = await startUserApp();
    events = homeEvents(t.kafka);
  });

  afterAll(async () => {
    await t?.close();
  });

  const newTeam = async (captainId: string, name = 'Dvor FC') => {
    const teamId = randomUUID();
    await events.team('team.created', teamId, { teamId, name, shortName: 'DFC', format: '5x5', captainId });
    return teamId;
  };

  it('refuses anonymous callers with 401 problem+json', async () => {
    for (const path of ['teams', 'matches', 'events', 'actions']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/${path}` });
      expect(res.statusCode, path).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('shows each member their own teams and role, follows renames, logos, captaincy, leaving and archiving', async () => {
    const captain = newUser();
    const player = newUser();
    const stranger = newUser();
    const teamId = await newTeam(captain.id);
    await events.team('team.member.joined', teamId, { teamId, userId: player.id, role: 'player' });

    const mine = await pollMe<MyTeam>(t.app, 'teams', player.headers, (items) => items.length === 1);
    expect(mine).toEqual([{ teamId, name: 'Dvor FC', shortName: 'DFC', role: 'player', logo: null }]);
    expect((await getMe<MyTeam>(t.app, 'teams', captain.headers)).items).toEqual([
      expect.objectContaining({ teamId, role: 'captain' }),
    ]);
    expect((await getMe(t.app, 'teams', stranger.headers)).items).toEqual([]);

    const logoId = randomUUID();
    await events.team('team.updated', teamId, { teamId, changes: { name: 'Dvor United', logoMediaId: logoId } });
    await events.team('team.captain.transferred', teamId, { teamId, fromUserId: captain.id, toUserId: player.id });
    const renamed = await pollMe<MyTeam>(t.app, 'teams', player.headers, (items) => items[0]?.role === 'captain');
    expect(renamed[0]).toMatchObject({
      name: 'Dvor United',
      logo: { mediaId: logoId, variants: { 'logo-128': `/api/v1/public-media/${logoId}/logo-128` } },
    });
    expect((await getMe<MyTeam>(t.app, 'teams', captain.headers)).items[0].role).toBe('player');

    await events.team('team.member.left', teamId, { teamId, userId: captain.id });
    await pollMe(t.app, 'teams', captain.headers, (items) => items.length === 0);
    await events.team('team.archived', teamId, { teamId });
    await pollMe(t.app, 'teams', player.headers, (items) => items.length === 0);
  });

  it('applies a redelivered event once and keeps consuming after an unparseable message', async () => {
    const captain = newUser();
    const teamId = randomUUID();
    const created = await events.team('team.created', teamId, {
      teamId,
      name: 'First name',
      format: '7x7',
      captainId: captain.id,
    });
    await events.team('team.updated', teamId, { teamId, changes: { name: 'Second name' } });
    await pollMe<MyTeam>(t.app, 'teams', captain.headers, (items) => items[0]?.name === 'Second name');

    await events.rawBytes(Topics.teamEvents, teamId, '{ this is not json');
    await events.raw(Topics.teamEvents, teamId, { ...created, data: { teamId } });
    // The redelivered creation is skipped by the inbox: the name stays, and a later event still arrives.
    await events.raw(Topics.teamEvents, teamId, created);
    const other = await newTeam(captain.id, 'After the junk');
    const items = await pollMe<MyTeam>(t.app, 'teams', captain.headers, (list) => list.length === 2);
    expect(items.map((i) => i.name).sort()).toEqual(['After the junk', 'Second name']);
    expect(items.map((i) => i.teamId).sort()).toEqual([teamId, other].sort());
  });

  it('pages by team id and rejects bad parameters with 400 problem+json', async () => {
    const captain = newUser();
    for (const name of ['A', 'B', 'C']) await newTeam(captain.id, name);
    await pollMe(t.app, 'teams', captain.headers, (items) => items.length === 3);
    const first = await getMe<MyTeam>(t.app, 'teams?limit=2', captain.headers);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await getMe<MyTeam>(t.app, `teams?limit=2&cursor=${first.nextCursor}`, captain.headers);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.teamId)).size).toBe(3);

    for (const [query, code] of [
      ['limit=0', 'VALIDATION_FAILED'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['limit=abc', 'VALIDATION_FAILED'],
      ['cursor=%7B%7D', 'INVALID_CURSOR'],
      ['userId=' + randomUUID(), 'VALIDATION_FAILED'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/teams?${query}`, headers: captain.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, query).toBe(code);
    }
  });

  it("forgets a deleted account's memberships, and a late event does not bring them back", async () => {
    const leaving = newUser();
    const teamId = await newTeam(leaving.id);
    await pollMe(t.app, 'teams', leaving.headers, (items) => items.length === 1);
    await t.app.get(AccountDeletionService).deleteOwnAccount({
      userId: leaving.id,
      username: leaving.username,
      emailVerified: false,
      roles: ['player'],
      correlationId: randomUUID(),
    });
    const rows = async () => (await getMe(t.app, 'teams', leaving.headers)).items;
    expect(await rows()).toEqual([]);
    await events.team('team.member.role_changed', teamId, { teamId, userId: leaving.id, role: 'player' });
    // A later event on the same team (the same partition, so read after the late one).
    const marker = newUser();
    await events.team('team.member.joined', teamId, { teamId, userId: marker.id, role: 'player' });
    await pollMe(t.app, 'teams', marker.headers, (items) => items.length === 1);
    expect(await rows()).toEqual([]);
  });
});
