import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { teamApi } from './team-api';
import { newUser, type TestUser } from './team-app';

/** HTTP helpers for team events: a weekly training, answers, occurrences. */
export function scheduleApi(app: NestFastifyApplication) {
  const teams = teamApi(app);
  const { call } = teams;
  const base = (teamId: string) => `/api/v1/teams/${teamId}/events`;
  const api = {
    /** A team (11x11) with a captain, a vice-captain and `players` players. */
    async squad(players: number) {
      const captain = newUser();
      const team = await teams.createTeam(captain, { format: '11x11' });
      const vice = await teams.addPlayer(captain, team.id);
      await call(captain, 'PATCH', `/api/v1/teams/${team.id}/members/${vice.id}`, { role: 'vice_captain' });
      const members: TestUser[] = [];
      for (let i = 0; i < players; i += 1) members.push(await teams.addPlayer(captain, team.id));
      return { teamId: team.id, captain, vice, members };
    },
    createEvent: (by: TestUser, teamId: string, body: Record<string, unknown>) =>
      call(by, 'POST', base(teamId), {
        kind: 'training',
        title: 'Training',
        timeZone: 'Europe/Moscow',
        ...body,
      }),
    /** A single event `inMs` from now lasting an hour. */
    async eventIn(by: TestUser, teamId: string, inMs: number, body: Record<string, unknown> = {}) {
      const startsAt = new Date(Math.ceil((Date.now() + inMs) / 1000) * 1000);
      const res = await api.createEvent(by, teamId, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        ...body,
      });
      if (res.statusCode !== 201) throw new Error(`create event: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string; startsAt: string }>();
    },
    rsvp: (user: TestUser, teamId: string, eventId: string, occurrence: string, response: string) =>
      call(user, 'PUT', `${base(teamId)}/${eventId}/occurrences/${occurrence}/rsvp`, { response }),
    rsvps: (user: TestUser, teamId: string, eventId: string, occurrence: string) =>
      call(user, 'GET', `${base(teamId)}/${eventId}/occurrences/${occurrence}/rsvps`),
    occurrences: (user: TestUser, teamId: string, query: string) =>
      call(user, 'GET', `/api/v1/teams/${teamId}/occurrences?${query}`),
  };
  return api;
}
