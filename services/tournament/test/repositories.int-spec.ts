import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  applyRegisteredUser,
  applyUserProfile,
  createPrismaClient,
  IdGenerator,
  migrationsFor,
  removeUserProfile,
  UserProfiles,
} from '@prodvor/platform';
import { createTestDatabase, type TestDatabase } from '@prodvor/testing';
import { type Tx, TransactionRunner } from '../src/database/transaction-runner';
import { INITIAL_RATING } from '../src/domain';
import { PrismaClient } from '../src/generated/prisma/client';
import { MatchesRepository } from '../src/matches/matches.repository';
import { RatingsRepository } from '../src/ratings/ratings.repository';
import { RegistrationsRepository } from '../src/registrations/registrations.repository';
import { TeamViewsRepository } from '../src/teams-view/team-views.repository';
import { TournamentsRepository } from '../src/tournaments/tournaments.repository';
import { WebhookSubscriptionsRepository } from '../src/webhooks/webhook-subscriptions.repository';

// tournament-service's raw SQL against a real, migrated throw-away database: the row and advisory locks
// that serialise writers, the conditional upsert of the profile read model, the status-filtered
// referee release and the membership join behind private tournaments.
let db: TestDatabase;
let prisma: PrismaClient;
let transactions: TransactionRunner;
let tournaments: TournamentsRepository;
let matches: MatchesRepository;
let ratings: RatingsRepository;
let players: UserProfiles;
let registrations: RegistrationsRepository;
let teamViews: TeamViewsRepository;
let webhooks: WebhookSubscriptionsRepository;
const ids = new IdGenerator();

beforeAll(async () => {
  db = await createTestDatabase('tournament', migrationsFor(join(__dirname, '../prisma/migrations')));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: 6 });
  transactions = new TransactionRunner(prisma);
  tournaments = new TournamentsRepository(prisma);
  matches = new MatchesRepository(prisma);
  ratings = new RatingsRepository(prisma);
  players = new UserProfiles(prisma);
  registrations = new RegistrationsRepository(prisma);
  teamViews = new TeamViewsRepository(prisma);
  webhooks = new WebhookSubscriptionsRepository(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/**
 * Runs `first` in a transaction that holds what it locked, then `second` in another: answers whether the
 * second waited for the first to commit (true) or went through while the first still held its locks.
 */
async function secondWaitsForFirst(first: (tx: Tx) => Promise<unknown>, second: (tx: Tx) => Promise<unknown>) {
  let release!: () => void;
  const holding = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const firstLocked = new Promise<void>((resolve) => (locked = resolve));
  const firstTx = transactions.run(async (tx) => {
    await first(tx);
    locked();
    await holding;
  });
  await firstLocked;
  const secondTx = transactions.run(second);
  const outcome = await Promise.race([secondTx.then(() => 'through'), later(400, 'waiting')]);
  release();
  await Promise.all([firstTx, secondTx]);
  return outcome === 'waiting';
}

async function newTournament() {
  const now = new Date();
  return transactions.run((tx) =>
    tournaments.create(tx, {
      id: ids.id(),
      organizerId: randomUUID(),
      name: 'Yard Cup',
      sportFormat: '5x5',
      format: 'league',
      visibility: 'private',
      startsAt: now,
      endsAt: now,
      registrationOpensAt: now,
      registrationClosesAt: now,
      minTeams: 2,
      maxTeams: 8,
      rules: {
        points: { win: 3, draw: 1, loss: 0, forfeit: 0 },
        matchMinutes: 40,
        periods: 2,
        bufferMinutes: 10,
        minRestMinutes: 30,
        confirmWindowHours: 24,
        forfeitGoals: 3,
        tieBreakers: [],
        reapplyHeadToHead: false,
      },
    }),
  );
}

async function newMatch(tournamentId: string, status: 'scheduled' | 'confirmed' | 'live', refereeId?: string) {
  const id = ids.id();
  await transactions.run((tx) =>
    matches.createMany(tx, [{ id, tournamentId, fixtureKey: id, stage: 'league', round: 1, status, refereeId }]),
  );
  return id;
}

describe('row locks (SELECT … FOR UPDATE)', () => {
  it('finds the locked tournament and match, or null for an unknown id', async () => {
    const tournament = await newTournament();
    const matchId = await newMatch(tournament.id, 'scheduled');
    await transactions.run(async (tx) => {
      expect(await tournaments.lockForUpdate(tx, tournament.id)).toMatchObject({ id: tournament.id });
      expect(await tournaments.lockForUpdate(tx, randomUUID())).toBeNull();
      expect(await matches.lock(tx, matchId)).toMatchObject({ id: matchId, tournamentId: tournament.id });
      expect(await matches.lock(tx, randomUUID())).toBeNull();
    });
  });

  it('makes a second writer of the same tournament wait, and lets one of another tournament through', async () => {
    const [a, b] = [await newTournament(), await newTournament()];
    const lock = (id: string) => (tx: Tx) => tournaments.lockForUpdate(tx, id);
    expect(await secondWaitsForFirst(lock(a.id), lock(a.id))).toBe(true);
    expect(await secondWaitsForFirst(lock(a.id), lock(b.id))).toBe(false);
  });

  it('makes a second writer of the same match wait', async () => {
    const tournament = await newTournament();
    const [m1, m2] = [await newMatch(tournament.id, 'scheduled'), await newMatch(tournament.id, 'scheduled')];
    const lock = (id: string) => (tx: Tx) => matches.lock(tx, id);
    expect(await secondWaitsForFirst(lock(m1), lock(m1))).toBe(true);
    expect(await secondWaitsForFirst(lock(m1), lock(m2))).toBe(false);
  });
});

describe('TransactionRunner and a deadlock', () => {
  it('runs the transaction PostgreSQL chose as the deadlock victim again, so both writers succeed', async () => {
    const tournament = await newTournament();
    const [m1, m2] = [await newMatch(tournament.id, 'scheduled'), await newMatch(tournament.id, 'scheduled')];
    let attempts = 0;
    // Both lock their first match, wait until the other has, then reach for the other's: a deadlock.
    let bothHoldOne!: () => void;
    const gate = new Promise<void>((resolve) => (bothHoldOne = resolve));
    let holding = 0;
    const crossLock = (first: string, second: string) =>
      transactions.run(async (tx) => {
        attempts += 1;
        await matches.lock(tx, first);
        if (++holding === 2) bothHoldOne();
        await gate;
        await matches.lock(tx, second);
        await matches.update(tx, second, { pitchId: first });
      });
    await Promise.all([crossLock(m1, m2), crossLock(m2, m1)]);
    expect(attempts).toBe(3);
    expect((await matches.findById(m1))?.pitchId).toBe(m2);
    expect((await matches.findById(m2))?.pitchId).toBe(m1);
  });
});

describe('MatchesRepository.unassignReferee', () => {
  it('clears the referee from matches still to be played only, and names each tournament once', async () => {
    const referee = randomUUID();
    const [t1, t2] = [await newTournament(), await newTournament()];
    const open = [await newMatch(t1.id, 'scheduled', referee), await newMatch(t1.id, 'live', referee)];
    const other = await newMatch(t2.id, 'scheduled', referee);
    const played = await newMatch(t2.id, 'confirmed', referee);
    const touched = await transactions.run((tx) => matches.unassignReferee(tx, referee));
    expect(touched.sort()).toEqual([t1.id, t2.id].sort());
    for (const id of [...open, other]) expect((await matches.findById(id))?.refereeId).toBeNull();
    expect(await matches.findById(played)).toMatchObject({ refereeId: referee, version: 1 });
    expect((await matches.findById(other))?.version).toBe(2);
    expect(await transactions.run((tx) => matches.unassignReferee(tx, referee))).toEqual([]);
  });
});

describe('TournamentsRepository.isParticipantMember', () => {
  it('is true for a member of a pending or approved team, false once it withdrew or for a stranger', async () => {
    const tournament = await newTournament();
    const [member, stranger, teamId] = [randomUUID(), randomUUID(), randomUUID()];
    await transactions.run(async (tx) => {
      await teamViews.upsertTeam(tx, teamId, 'Dvor', randomUUID());
      await teamViews.setRole(tx, teamId, member, 'player');
    });
    expect(await tournaments.isParticipantMember(tournament.id, member)).toBe(false);
    const registration = await transactions.run((tx) =>
      registrations.create(tx, { id: ids.id(), tournamentId: tournament.id, teamId, registeredBy: member }),
    );
    expect(await tournaments.isParticipantMember(tournament.id, member)).toBe(true);
    expect(await tournaments.isParticipantMember(tournament.id, stranger)).toBe(false);
    await transactions.run((tx) => registrations.update(tx, registration.id, { status: 'withdrawn' }));
    expect(await tournaments.isParticipantMember(tournament.id, member)).toBe(false);
  });
});

describe('RatingsRepository.lockTeams', () => {
  it('creates a missing team at the initial rating and returns every team once', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const locked = await transactions.run((tx) => ratings.lockTeams(tx, [b, a, b]));
    expect([...locked.keys()].sort()).toEqual([a, b].sort());
    expect(locked.get(a)).toMatchObject({ teamId: a, rating: INITIAL_RATING, matchesRated: 0 });
  });

  it('locks in team-id order, so two matches sharing teams wait for each other instead of deadlocking', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await transactions.run((tx) => ratings.lockTeams(tx, [a, b]));
    expect(
      await secondWaitsForFirst(
        (tx) => ratings.lockTeams(tx, [a, b]),
        (tx) => ratings.lockTeams(tx, [b, a]),
      ),
    ).toBe(true);
    expect(
      await secondWaitsForFirst(
        (tx) => ratings.lockTeams(tx, [a]),
        (tx) => ratings.lockTeams(tx, [randomUUID()]),
      ),
    ).toBe(false);
  });
});

describe("the platform's user profiles read model (applyUserProfile)", () => {
  it('keeps the latest profile whatever order the events arrive in', async () => {
    const userId = randomUUID();
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s));
    const apply = (name: string, s: number) =>
      transactions.run((tx) => applyUserProfile(tx, userId, { displayName: name, avatarMediaId: null }, at(s)));
    await apply('Second', 2);
    await apply('First', 1);
    expect((await players.profiles([userId])).get(userId)?.displayName).toBe('Second');
    const avatar = randomUUID();
    await transactions.run((tx) =>
      applyUserProfile(tx, userId, { displayName: 'Third', avatarMediaId: avatar }, at(3)),
    );
    expect((await players.profiles([userId])).get(userId)).toEqual({ displayName: 'Third', avatarMediaId: avatar });
    // A username (user.registered) never hides a display name.
    await transactions.run((tx) => applyRegisteredUser(tx, userId, 'third3'));
    expect((await players.profiles([userId])).get(userId)?.displayName).toBe('Third');
    await transactions.run((tx) => removeUserProfile(tx, userId));
    expect((await players.profiles([userId])).has(userId)).toBe(false);
  });

  it('shows the username until a profile arrives', async () => {
    const userId = randomUUID();
    await transactions.run((tx) => applyRegisteredUser(tx, userId, 'yard_keeper'));
    expect((await players.profiles([userId])).get(userId)).toEqual({ displayName: 'yard_keeper', avatarMediaId: null });
  });
});

describe('WebhookSubscriptionsRepository.lockOwner (advisory lock)', () => {
  it("serialises one owner's creations and leaves other owners alone", async () => {
    const tournament = { kind: 'tournament' as const, id: randomUUID() };
    const team = { kind: 'team' as const, id: tournament.id };
    const lock = (owner: typeof tournament | typeof team) => (tx: Tx) => webhooks.lockOwner(tx, owner);
    expect(await secondWaitsForFirst(lock(tournament), lock(tournament))).toBe(true);
    // Same id, other kind: a different owner.
    expect(await secondWaitsForFirst(lock(tournament), lock(team))).toBe(false);
  });
});
