import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, createServiceApp, JobOutboxService, migrationsFor, OutboxRelayService } from '@prodvor/platform';
import {
  createTestDatabase,
  createTestVhost,
  bearerHeaders,
  testIdentityEnv,
  serverUrls,
  startTestKafka,
  uniqueName,
  type TestKafka,
  type TestDatabase,
  type TestVhost,
} from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { ResultSweeper } from '../../src/matches/result-sweeper';
import { TeamViewsRepository } from '../../src/teams-view/team-views.repository';

export interface TournamentTestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  kafka: TestKafka;
  vhost: TestVhost;
  clock: Clock;
  flushOutbox(): Promise<void>;
  flushNotifications(): Promise<void>;
  sweep(): Promise<void>;
  /** Puts a team into the local read model as team.events.v1 would (the consumer itself has its own test). */
  seedTeam(captain: TestUser, players?: TestUser[], name?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTournamentApp(extraEnv: Record<string, string> = {}): Promise<TournamentTestApp> {
  const db = await createTestDatabase('tournament', migrationsFor(join(__dirname, '../../prisma/migrations')));
  const kafka = await startTestKafka();
  const vhost = await createTestVhost('tournament');
  const env = {
    SERVICE_NAME: 'tournament',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TOURNAMENT_TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: serverUrls.redis,
    REDIS_KEY_PREFIX: uniqueName('tournament'),
    ...kafka.env,
    ...(await testIdentityEnv()),
    RABBITMQ_URL: vhost.url,
    TOURNAMENT_SWEEP_INTERVAL_MS: '3600000',
    ...extraEnv,
  };
  @Module({ imports: [AppModule.forRoot(env)] })
  class TestTournamentModule {}
  const app = await createServiceApp(TestTournamentModule, { serviceName: 'tournament' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const teams = app.get(TeamViewsRepository);
  const transactions = app.get(TransactionRunner);
  return {
    app,
    db,
    kafka,
    vhost,
    clock: app.get(Clock),
    flushOutbox: () => app.get(OutboxRelayService).flush(),
    flushNotifications: () => app.get(JobOutboxService).flush(),
    sweep: () => app.get(ResultSweeper).sweep(),
    seedTeam: async (captain, players = [], name = `Team ${randomUUID().slice(0, 6)}`) => {
      const teamId = randomUUID();
      await transactions.run(async (tx) => {
        await teams.upsertTeam(tx, teamId, name, captain.id);
        for (const p of players) await teams.setRole(tx, teamId, p.id, 'player');
      });
      return teamId;
    },
    close: async () => {
      await app.close();
      await kafka.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

export interface TestUser {
  id: string;
  headers: Record<string, string>;
}

export function newUser(roles: string[] = ['player']): TestUser {
  const id = randomUUID();
  return { id, headers: bearerHeaders({ sub: id, realm_access: { roles } }) };
}

export const newOrganizer = () => newUser(['player', 'organizer']);

const DAY = 86_400_000;

/** A valid tournament body: registration open now, start in a day, one venue with two pitches open all week. */
export function tournamentBody(overrides: Record<string, unknown> = {}, now = Date.now()) {
  const day = (n: number) => new Date(now + n * DAY).toISOString().slice(0, 10);
  const windows = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
    start: `${day(n)}T08:00:00.000Z`,
    end: `${day(n)}T20:00:00.000Z`,
  }));
  return {
    name: 'Dvor Cup',
    sportFormat: '5x5',
    format: 'round_robin',
    startsAt: new Date(now + DAY).toISOString(),
    endsAt: new Date(now + 9 * DAY).toISOString(),
    registrationOpensAt: new Date(now - DAY).toISOString(),
    registrationClosesAt: new Date(now + DAY).toISOString(),
    minTeams: 2,
    maxTeams: 16,
    matchMinutes: 40,
    venues: [
      {
        name: 'Yard 7',
        address: 'Kazan',
        pitches: [
          { name: 'North', windows },
          { name: 'South', windows },
        ],
      },
    ],
    ...overrides,
  };
}

export interface MatchView {
  id: string;
  tournamentId: string;
  fixtureKey: string;
  stage: string;
  round: number;
  group?: string;
  homeTeamId: string | null;
  awayTeamId: string | null;
  status: string;
  startsAt?: string;
  endsAt?: string;
  pitchId?: string;
  homeScore?: number;
  awayScore?: number;
  winnerTeamId?: string;
}

export function api(app: NestFastifyApplication) {
  const call = async (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { ...(user?.headers ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    call,
    async createTournament(organizer: TestUser, overrides: Record<string, unknown> = {}) {
      const res = await call(organizer, 'POST', '/api/v1/tournaments', tournamentBody(overrides));
      if (res.statusCode !== 201) throw new Error(`create tournament: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string; venues: { pitches: { id: string }[] }[] }>();
    },
    /** Registers and approves each team (captain registers, organizer approves). */
    async enter(organizer: TestUser, tournamentId: string, teams: { captain: TestUser; teamId: string }[]) {
      for (const { captain, teamId } of teams) {
        const reg = await call(captain, 'POST', `/api/v1/tournaments/${tournamentId}/registrations`, { teamId });
        if (reg.statusCode !== 201) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
        const ok = await call(
          organizer,
          'POST',
          `/api/v1/tournaments/${tournamentId}/registrations/${teamId}/approve`,
          {},
        );
        if (ok.statusCode !== 200) throw new Error(`approve: ${ok.statusCode} ${ok.body}`);
      }
    },
    async matches(tournamentId: string, query = 'limit=100') {
      const res = await call(null, 'GET', `/api/v1/tournaments/${tournamentId}/matches?${query}`);
      return res.json<{ items: MatchView[] }>().items;
    },
  };
}

/**
 * A tournament of `format` with `teamCount` seeded teams (each with `players` players besides its captain)
 * registered, approved and its fixtures generated, plus the moves most tests make on it.
 */
export async function startCup(
  t: TournamentTestApp,
  http: ReturnType<typeof api>,
  format: string,
  teamCount: number,
  { overrides = {}, players = 0 }: { overrides?: Record<string, unknown>; players?: number } = {},
) {
  const organizer = newOrganizer();
  const cup = await http.createTournament(organizer, { format, maxTeams: 32, ...overrides });
  const teams: { captain: TestUser; teamId: string }[] = [];
  for (let i = 0; i < teamCount; i++) {
    const captain = newUser();
    const roster = Array.from({ length: players }, () => newUser());
    teams.push({ captain, teamId: await t.seedTeam(captain, roster, `Seed ${i + 1}`) });
  }
  await http.enter(organizer, cup.id, teams);
  const generated = await http.call(organizer, 'POST', `/api/v1/tournaments/${cup.id}/fixtures`);
  if (generated.statusCode !== 201) throw new Error(`fixtures: ${generated.statusCode} ${generated.body}`);
  /** The organizer reports a win for `winner` (1–0 to the winner). */
  const win = async (match: MatchView, winner: string) => {
    const homeWins = match.homeTeamId === winner;
    const res = await http.call(organizer, 'POST', `/api/v1/matches/${match.id}/result`, {
      homeScore: homeWins ? 1 : 0,
      awayScore: homeWins ? 0 : 1,
    });
    if (res.statusCode !== 200) throw new Error(`result: ${res.statusCode} ${res.body}`);
  };
  return {
    organizer,
    cup,
    teams,
    win,
    seed: (n: number) => teams[n - 1].teamId,
    captainOf: (teamId: string | null) => teams.find((x) => x.teamId === teamId)!.captain,
    scheduled: async () => (await http.matches(cup.id)).filter((m) => m.status === 'scheduled'),
  };
}
