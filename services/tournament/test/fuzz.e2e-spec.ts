import { anonymousIdentity, fuzzOpenApi, tokenIdentity, loadOpenApiDocument } from '@prodvor/testing';
import { join } from 'node:path';
import { api, startCup, startTournamentApp, type TournamentTestApp } from './support/tournament-app';

/**
 * Hostile input on every operation of the checked-in openapi.json (wrong types, 100 KB strings, invalid ids
 * and cursors, unknown fields, broken JSON and content types, 10 000-deep nesting), as a user with every
 * realm role and as nobody: no 5xx, errors are problem+json, and no answer shows a stack, SQL or Prisma text.
 */
describe('fuzz: every operation of openapi.json', () => {
  let t: TournamentTestApp;
  let cup: Awaited<ReturnType<typeof startCup>>;
  let matchId: string;

  beforeAll(async () => {
    t = await startTournamentApp();
    const http = api(t.app);
    cup = await startCup(t, http, 'round_robin', 2);
    matchId = (await http.matches(cup.cup.id))[0].id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers hostile requests with 4xx problem+json and leaks nothing', async () => {
    const document = loadOpenApiDocument(join(__dirname, '../openapi.json'));
    const report = await fuzzOpenApi({
      document,
      send: (request) => t.app.inject(request),
      // A real tournament with a match, so hostile input also reaches the rules; its organizer is one caller.
      pathValues: { tournamentId: cup.cup.id, matchId, teamId: cup.seed(1) },
      identities: [tokenIdentity(80), tokenIdentity(40, { sub: cup.organizer.id }), anonymousIdentity(30)],
    });
    expect(report.failures.length, report.summary).toBe(0);
    // Every operation of the document was tried.
    expect(report.sent.size).toBe(Object.values(document.paths).flatMap((item) => Object.keys(item)).length);
  }, 120_000);
});
