import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';
import { teamApi } from './support/team-api';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors a client can send that `encodeCursor` never made: each is 400 INVALID_CURSOR, never a 500. */
const MALFORMED = ['eyJpZCI6IngifQ', b64({ id: 42 }), b64({ id: ["'"] }), b64({}), b64([1]), '%25%25'];

describe('cursor pagination refuses malformed cursors', () => {
  let t: TeamTestApp;
  let api: ReturnType<typeof teamApi>;
  let captain: TestUser;
  let teamId: string;

  beforeAll(async () => {
    t = await startTeamApp();
    api = teamApi(t.app);
    captain = newUser();
    teamId = (await api.createTeam(captain, { recruiting: true })).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['GET /api/v1/teams', () => '/api/v1/teams'],
    ['GET /api/v1/teams/{id}/join-requests', () => `/api/v1/teams/${teamId}/join-requests`],
    ['GET /api/v1/teams/{id}/invitations', () => `/api/v1/teams/${teamId}/invitations`],
    ['GET /api/v1/teams/{id}/invite-codes', () => `/api/v1/teams/${teamId}/invite-codes`],
  ])('%s', async (_route, path) => {
    for (const cursor of MALFORMED) {
      const res = await api.call(captain, 'GET', `${path()}?cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    }
    // A cursor the route made still works.
    const valid = b64({ id: '0190f0a0-0000-7000-8000-000000000000' });
    expect((await api.call(captain, 'GET', `${path()}?cursor=${valid}`)).statusCode).toBe(200);
  });
});
