import { randomUUID } from 'node:crypto';
import { IdGenerator } from '@prodvor/platform';
import type { PrismaClient } from '../src/generated/prisma/client';
import { MAX_ACTIONS_PER_KIND } from '../src/home/my-actions.service';
import { MAX_TEAMS_PER_USER } from '../src/home/my-teams.service';
import { HomeMatchesRepository, type ReportedResult } from '../src/home/repositories/home-matches.repository';
import { HomeTeamsRepository } from '../src/home/repositories/home-teams.repository';
import { at, deletedAccount, homeTeam, T0 } from './support/home-read-models';
import { openUserDatabase, type UserDatabase } from './support/user-database';

// The home read models' raw SQL (teams and matches; requests and schedule in home-requests-schedule.int-spec)
// run directly against a real, migrated throw-away database: the event-time guards, the filters of the
// open-match and confirm reads, per-user scoping, bounds and paging.
let database: UserDatabase;
let prisma: PrismaClient;
let teams: HomeTeamsRepository;
let matches: HomeMatchesRepository;
const ids = new IdGenerator();

beforeAll(async () => {
  database = await openUserDatabase();
  prisma = database.prisma;
  teams = new HomeTeamsRepository(prisma);
  matches = new HomeMatchesRepository(prisma);
});

afterAll(() => database?.close());

const team = (name?: string, archived?: boolean) => homeTeam(prisma, teams, name, archived);

describe('HomeTeamsRepository', () => {
  it("lists only the user's teams that are not archived, by team id, with the role kept up to date", async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    const [a, b, c, archived] = [await team('A'), await team('B'), await team('C'), await team('X', true)];
    for (const teamId of [a, b, c, archived]) await teams.setRole(prisma, teamId, me, 'player');
    await teams.setRole(prisma, b, me, 'captain');
    await teams.setRole(prisma, c, other, 'captain');

    const mine = await teams.myTeams(me, 10);
    const byId = [a, b, c].sort();
    expect(mine.map((t) => t.teamId)).toEqual(byId);
    expect(mine.find((t) => t.teamId === b)).toMatchObject({ name: 'B', role: 'captain' });
    expect((await teams.myTeams(other, 10)).map((t) => t.teamId)).toEqual([c]);

    const first = await teams.myTeams(me, 2);
    expect(first.map((t) => t.teamId)).toEqual(byId.slice(0, 2));
    expect((await teams.myTeams(me, 2, first[1].teamId)).map((t) => t.teamId)).toEqual(byId.slice(2));
  });

  it('does not bring a deleted account back into a team', async () => {
    const gone = await deletedAccount(prisma);
    await teams.setRole(prisma, await team(), gone, 'player');
    expect(await prisma.homeMembership.count({ where: { userId: gone } })).toBe(0);
  });

  it(`returns at most ${MAX_TEAMS_PER_USER} teams`, async () => {
    const me = randomUUID();
    const teamIds = Array.from({ length: MAX_TEAMS_PER_USER + 1 }, () => randomUUID());
    await prisma.homeTeam.createMany({ data: teamIds.map((teamId) => ({ teamId, name: 't', eventAt: T0 })) });
    await prisma.homeMembership.createMany({ data: teamIds.map((teamId) => ({ teamId, userId: me, role: 'player' })) });
    const listed = await teams.myTeams(me, MAX_TEAMS_PER_USER);
    expect(listed).toHaveLength(MAX_TEAMS_PER_USER);
    expect(listed.map((t) => t.teamId)).toEqual(teamIds.sort().slice(0, MAX_TEAMS_PER_USER));
  });
});

describe('HomeMatchesRepository writes', () => {
  const find = (matchId: string) => prisma.homeMatch.findUniqueOrThrow({ where: { matchId } });

  it('keeps the newer tournament name when an older event arrives late', async () => {
    const tournamentId = randomUUID();
    await matches.tournament(prisma, tournamentId, 'Spring cup', at(10));
    await matches.tournament(prisma, tournamentId, 'Old name', at(5));
    expect((await prisma.homeTournament.findUniqueOrThrow({ where: { tournamentId } })).name).toBe('Spring cup');
    await matches.tournament(prisma, tournamentId, 'Spring cup 2026', at(10));
    expect((await prisma.homeTournament.findUniqueOrThrow({ where: { tournamentId } })).name).toBe('Spring cup 2026');
  });

  it('schedules: fields an event leaves out stay, and an older schedule changes nothing', async () => {
    const [matchId, tournamentId, home, away] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await matches.schedule(prisma, { matchId, tournamentId, homeTeamId: home, awayTeamId: away, pitch: '1' }, at(1));
    await matches.schedule(prisma, { matchId, tournamentId, startsAt: at(600) }, at(2));
    await matches.schedule(prisma, { matchId, tournamentId, pitch: '2' }, at(3));
    expect(await find(matchId)).toMatchObject({ homeTeamId: home, awayTeamId: away, pitch: '2', startsAt: at(600) });
    await matches.schedule(prisma, { matchId, tournamentId, startsAt: at(900), pitch: '3' }, at(1));
    expect(await find(matchId)).toMatchObject({ pitch: '2', startsAt: at(600), eventAt: at(3) });
  });

  it('a late schedule or status event does not undo a newer report, and a newer status clears it', async () => {
    const [matchId, tournamentId, home, away] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const result: ReportedResult = {
      matchId,
      tournamentId,
      homeTeamId: home,
      awayTeamId: away,
      homeScore: 2,
      awayScore: 1,
      reportedByTeamId: home,
      confirmBy: at(2000),
    };
    await matches.reported(prisma, result, at(10));
    await matches.schedule(prisma, { matchId, tournamentId, startsAt: at(600) }, at(5));
    await matches.setStatus(prisma, { matchId, tournamentId, homeTeamId: home, awayTeamId: away }, 'disputed', at(9));
    await matches.reported(prisma, { ...result, homeScore: 0 }, at(9));
    expect(await find(matchId)).toMatchObject({
      status: 'awaiting_confirmation',
      reportedByTeamId: home,
      homeScore: 2,
      startsAt: null,
    });
    await matches.setStatus(prisma, { matchId, tournamentId, homeTeamId: home, awayTeamId: away }, 'disputed', at(11));
    expect(await find(matchId)).toMatchObject({ status: 'disputed', reportedByTeamId: null, confirmBy: null });
  });

  it("a withdrawal finalises only that team's open matches in that tournament, not ones changed later", async () => {
    const [tournamentId, leaving, rival] = [randomUUID(), randomUUID(), randomUUID()];
    const open = randomUUID();
    const newer = randomUUID();
    const otherTournament = randomUUID();
    const notTheirs = randomUUID();
    await matches.schedule(prisma, { matchId: open, tournamentId, homeTeamId: rival, awayTeamId: leaving }, at(1));
    await matches.schedule(prisma, { matchId: newer, tournamentId, homeTeamId: leaving, awayTeamId: rival }, at(30));
    await matches.schedule(
      prisma,
      { matchId: otherTournament, tournamentId: randomUUID(), homeTeamId: leaving, awayTeamId: rival },
      at(1),
    );
    await matches.schedule(prisma, { matchId: notTheirs, tournamentId, homeTeamId: rival, awayTeamId: rival }, at(1));
    await matches.withdrawTeam(prisma, tournamentId, leaving, at(20));
    expect(await find(open)).toMatchObject({ status: 'final', eventAt: at(20) });
    for (const matchId of [newer, otherTournament, notTheirs]) expect((await find(matchId)).status).toBe('scheduled');
  });
});

describe('HomeMatchesRepository.openMatchesOf', () => {
  it('lists open, timed matches of the teams in tournaments not cancelled, by start and id, with paging', async () => {
    const [mine, theirs, rival] = [randomUUID(), randomUUID(), randomUUID()];
    const [tournamentId, cancelled] = [randomUUID(), randomUUID()];
    await matches.tournament(prisma, tournamentId, 'Cup', T0);
    await matches.tournament(prisma, cancelled, 'Gone', T0);
    await matches.cancelTournament(prisma, cancelled, at(1));
    const match = async (over: { homeTeamId?: string; awayTeamId?: string; startsAt?: Date; tournament?: string }) => {
      const matchId = ids.id();
      const { tournament = tournamentId, ...rest } = over;
      await matches.schedule(prisma, { matchId, tournamentId: tournament, ...rest }, T0);
      return matchId;
    };
    const late = await match({ homeTeamId: mine, awayTeamId: rival, startsAt: at(300) });
    const tieA = await match({ homeTeamId: rival, awayTeamId: mine, startsAt: at(100) });
    const tieB = await match({ homeTeamId: mine, awayTeamId: rival, startsAt: at(100) });
    const unknownTournament = await match({ homeTeamId: mine, startsAt: at(200), tournament: randomUUID() });
    const final = await match({ homeTeamId: mine, awayTeamId: rival, startsAt: at(50) });
    await matches.setStatus(
      prisma,
      { matchId: final, tournamentId, homeTeamId: mine, awayTeamId: rival },
      'final',
      at(1),
    );
    await match({ homeTeamId: mine, awayTeamId: rival });
    await match({ homeTeamId: mine, awayTeamId: rival, startsAt: at(60), tournament: cancelled });
    const theirsOnly = await match({ homeTeamId: theirs, awayTeamId: rival, startsAt: at(70) });

    const all = await matches.openMatchesOf([mine], 10);
    expect(all.map((m) => m.matchId)).toEqual([tieA, tieB, unknownTournament, late]);
    expect(all[0]).toMatchObject({ tournamentName: 'Cup', status: 'scheduled', startsAt: at(100) });
    expect(all[2].tournamentName).toBeNull();

    const first = await matches.openMatchesOf([mine], 1);
    expect(first.map((m) => m.matchId)).toEqual([tieA]);
    const next = await matches.openMatchesOf([mine], 2, { startsAt: first[0].startsAt, matchId: first[0].matchId });
    expect(next.map((m) => m.matchId)).toEqual([tieB, unknownTournament]);
    const last = await matches.openMatchesOf([mine], 2, { startsAt: next[1].startsAt, matchId: next[1].matchId });
    expect(last.map((m) => m.matchId)).toEqual([late]);

    expect((await matches.openMatchesOf([theirs], 10)).map((m) => m.matchId)).toEqual([theirsOnly]);
    expect((await matches.openMatchesOf([mine, theirs], 10)).map((m) => m.matchId)).toContain(theirsOnly);
    expect(await matches.openMatchesOf([], 10)).toEqual([]);
  });
});

describe('HomeMatchesRepository.awaitingConfirmation', () => {
  it("lists results awaiting the teams' confirmation: reported by the other team or by no team", async () => {
    const [mine, rival, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    const [tournamentId, cancelled] = [randomUUID(), randomUUID()];
    await matches.tournament(prisma, tournamentId, 'League', T0);
    await matches.tournament(prisma, cancelled, 'Gone', T0);
    await matches.cancelTournament(prisma, cancelled, at(1));
    const report = async (over: Partial<ReportedResult>) => {
      const result: ReportedResult = {
        matchId: ids.id(),
        tournamentId,
        homeTeamId: mine,
        awayTeamId: rival,
        homeScore: 1,
        awayScore: 1,
        reportedByTeamId: rival,
        confirmBy: at(100),
        ...over,
      };
      await matches.reported(prisma, result, T0);
      return result.matchId;
    };
    const byRival = await report({ confirmBy: at(200) });
    const live = await report({ reportedByTeamId: null, confirmBy: at(100) });
    const liveTie = await report({ reportedByTeamId: null, confirmBy: at(100) });
    await report({ reportedByTeamId: mine });
    await report({ confirmBy: at(0) });
    await report({ tournamentId: cancelled });
    const disputed = await report({});
    await matches.setStatus(
      prisma,
      { matchId: disputed, tournamentId, homeTeamId: mine, awayTeamId: rival },
      'disputed',
      at(1),
    );
    await report({ homeTeamId: stranger, awayTeamId: rival });

    const now = T0;
    expect((await matches.awaitingConfirmation([mine], now, 10)).map((m) => m.matchId)).toEqual([
      live,
      liveTie,
      byRival,
    ]);
    expect((await matches.awaitingConfirmation([mine], now, 2)).map((m) => m.matchId)).toEqual([live, liveTie]);
    expect(await matches.awaitingConfirmation([mine], at(200), 10)).toEqual([]);
    const rivalSees = (await matches.awaitingConfirmation([rival], now, 50)).map((m) => m.matchId);
    expect(rivalSees).toEqual(expect.arrayContaining([live, liveTie]));
    expect(rivalSees).not.toContain(byRival);
    expect(await matches.awaitingConfirmation([], now, 10)).toEqual([]);
  });

  it(`returns at most the ${MAX_ACTIONS_PER_KIND} asked for`, async () => {
    const [mine, rival, tournamentId] = [randomUUID(), randomUUID(), randomUUID()];
    await prisma.homeMatch.createMany({
      data: Array.from({ length: MAX_ACTIONS_PER_KIND + 1 }, () => ({
        matchId: ids.id(),
        tournamentId,
        homeTeamId: mine,
        awayTeamId: rival,
        status: 'awaiting_confirmation',
        reportedByTeamId: rival,
        confirmBy: at(100),
        eventAt: T0,
      })),
    });
    expect(await matches.awaitingConfirmation([mine], T0, MAX_ACTIONS_PER_KIND)).toHaveLength(MAX_ACTIONS_PER_KIND);
  });
});
