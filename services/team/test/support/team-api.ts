import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { newUser, type TestUser } from './team-app';

/** Thin HTTP helpers over `app.inject` for the flows most tests need. */
export function teamApi(app: NestFastifyApplication) {
  const call = (
    user: TestUser | undefined,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: user?.headers ?? {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const api = {
    call,
    async createTeam(captain: TestUser, body: Record<string, unknown> = {}): Promise<{ id: string }> {
      const res = await call(captain, 'POST', '/api/v1/teams', { name: 'Yard Team', format: '5x5', ...body });
      if (res.statusCode !== 201) throw new Error(`create team: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    invite: (by: TestUser, teamId: string, userId: string, body: Record<string, unknown> = {}) =>
      call(by, 'POST', `/api/v1/teams/${teamId}/invitations`, { userId, ...body }),
    accept: (user: TestUser, invitationId: string) => call(user, 'POST', `/api/v1/invitations/${invitationId}/accept`),
    /** Invites a new user and accepts: a member of the team. */
    async addPlayer(captain: TestUser, teamId: string): Promise<TestUser> {
      const player = newUser();
      const invitation = await api.invite(captain, teamId, player.id);
      if (invitation.statusCode !== 201) throw new Error(`invite: ${invitation.statusCode} ${invitation.body}`);
      const accepted = await api.accept(player, invitation.json().id);
      if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
      return player;
    },
    async roster(teamId: string): Promise<{ userId: string; role: string; shirtNumber: number | null }[]> {
      const page = (await call(undefined, 'GET', `/api/v1/teams/${teamId}`)).json<{
        members: { userId: string; role: string; shirtNumber: number | null }[];
      }>();
      return page.members;
    },
  };
  return api;
}
