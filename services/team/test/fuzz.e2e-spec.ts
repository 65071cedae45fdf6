import { anonymousIdentity, fuzzOpenApi, tokenIdentity, loadOpenApiDocument } from '@prodvor/testing';
import { join } from 'node:path';
import { teamApi } from './support/team-api';
import { newUser, startTeamApp, type TeamTestApp, type TestUser } from './support/team-app';

/**
 * Hostile input on every operation of the checked-in openapi.json (wrong types, 100 KB strings, invalid ids
 * and cursors, unknown fields, broken JSON and content types, 10 000-deep nesting), as a user with every
 * realm role and as nobody: no 5xx, errors are problem+json, and no answer shows a stack, SQL or Prisma text.
 */
describe('fuzz: every operation of openapi.json', () => {
  let t: TeamTestApp;
  let captain: TestUser;
  let teamId: string;

  beforeAll(async () => {
    t = await startTeamApp();
    captain = newUser();
    teamId = (await teamApi(t.app).createTeam(captain, { recruiting: true })).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers hostile requests with 4xx problem+json and leaks nothing', async () => {
    const document = loadOpenApiDocument(join(__dirname, '../openapi.json'));
    const report = await fuzzOpenApi({
      document,
      send: (request) => t.app.inject(request),
      // A real team, so hostile input also reaches the rules behind "does it exist" (its captain is one caller).
      pathValues: { teamId, userId: captain.id },
      identities: [tokenIdentity(80), tokenIdentity(40, { sub: captain.id }), anonymousIdentity(30)],
    });
    expect(report.failures.length, report.summary).toBe(0);
    // Every operation of the document was tried.
    expect(report.sent.size).toBe(Object.values(document.paths).flatMap((item) => Object.keys(item)).length);
  }, 120_000);
});
