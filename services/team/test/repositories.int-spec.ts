import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createPrismaClient, IdGenerator, migrationsFor } from '@prodvor/platform';
import { createTestDatabase, type TestDatabase } from '@prodvor/testing';
import { TransactionRunner } from '../src/database/transaction-runner';
import { PrismaClient } from '../src/generated/prisma/client';
import { TeamMembersRepository } from '../src/members/team-members.repository';
import type { Team } from '../src/teams/team.model';
import { TeamsRepository } from '../src/teams/teams.repository';

// team-service's repositories against a real, migrated throw-away database: the row lock every roster
// change takes first (raw `SELECT … FOR UPDATE`), and the orders its listings promise.
let db: TestDatabase;
let prisma: PrismaClient;
let teams: TeamsRepository;
let members: TeamMembersRepository;
let transactions: TransactionRunner;
const ids = new IdGenerator();

beforeAll(async () => {
  db = await createTestDatabase('team', migrationsFor(join(__dirname, '../prisma/migrations')));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: 6 });
  teams = new TeamsRepository(prisma);
  members = new TeamMembersRepository();
  transactions = new TransactionRunner(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function newTeam(name = 'Yard Kings', captain = randomUUID(), at = new Date()) {
  return transactions.run((tx) =>
    teams.create(tx, {
      id: ids.id(),
      name,
      format: '5x5',
      colors: [],
      recruiting: true,
      createdBy: captain,
      createdAt: at,
    }),
  );
}

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('TeamsRepository.lockForUpdate (SELECT … FOR UPDATE)', () => {
  it('returns the locked team, or null for an unknown id', async () => {
    const team = await newTeam();
    await transactions.run(async (tx) => {
      expect(await teams.lockForUpdate(tx, team.id)).toMatchObject({ id: team.id, name: 'Yard Kings' });
      expect(await teams.lockForUpdate(tx, randomUUID())).toBeNull();
    });
  });

  it('makes a second transaction wait until the first commits, and then see its change', async () => {
    const team = await newTeam('Before');
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));

    const first = transactions.run(async (tx) => {
      await teams.lockForUpdate(tx, team.id);
      order.push('first locked');
      firstLocked();
      await firstHolds;
      await teams.update(tx, team.id, { name: 'After' }, new Date());
      order.push('first commits');
    });
    await locked;
    const second = transactions.run(async (tx) => {
      const seen = await teams.lockForUpdate(tx, team.id);
      order.push('second locked');
      return seen;
    });
    // The second is blocked on the row lock however long the first holds it.
    expect(await Promise.race([second.then(() => 'second finished'), later(500, 'second waiting')])).toBe(
      'second waiting',
    );
    releaseFirst();
    await first;
    expect((await second)?.name).toBe('After');
    expect(order).toEqual(['first locked', 'first commits', 'second locked']);
  });

  it('does not block a transaction that locks another team', async () => {
    const [a, b] = [await newTeam('A'), await newTeam('B')];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let lockedA!: () => void;
    const aLocked = new Promise<void>((resolve) => (lockedA = resolve));
    const first = transactions.run(async (tx) => {
      await teams.lockForUpdate(tx, a.id);
      lockedA();
      await holding;
    });
    await aLocked;
    const other = await transactions.run((tx) => teams.lockForUpdate(tx, b.id));
    expect(other?.id).toBe(b.id);
    release();
    await first;
  });
});

describe('TeamsRepository listings', () => {
  it('lists active teams newest first and pages strictly after the cursor', async () => {
    const city = `City-${randomUUID().slice(0, 8)}`;
    const created: Team[] = [];
    for (let i = 0; i < 5; i++) created.push(await newTeam(`Listed ${i}`));
    for (const team of created) await transactions.run((tx) => teams.update(tx, team.id, { city }, new Date()));
    await transactions.run((tx) => teams.archive(tx, created[2].id, new Date(), created[2].createdBy));
    const newestFirst = [created[4], created[3], created[1], created[0]].map((team) => team.id);

    const first = await teams.list({ city, take: 2 });
    expect(first.map((team) => team.id)).toEqual(newestFirst.slice(0, 2));
    expect(first[0]._count.members).toBe(1);
    const next = await teams.list({ city, take: 2, afterId: first[1].id });
    expect(next.map((team) => team.id)).toEqual(newestFirst.slice(2, 4));
    expect(await teams.list({ city, take: 2, afterId: next[1].id })).toEqual([]);
    expect((await teams.list({ city: city.toUpperCase(), q: 'listed 4', take: 10 })).map((t) => t.id)).toEqual([
      created[4].id,
    ]);
  });

  it('orders a roster captain, vice-captains, players; each by shirt number (none last), then join time', async () => {
    const captain = randomUUID();
    const start = new Date('2026-01-01T00:00:00Z');
    const team = await newTeam('Roster', captain, start);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const [v1, v2, p1, p2, p3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await transactions.run(async (tx) => {
      await members.add(tx, { teamId: team.id, userId: p1, role: 'player', shirtNumber: null, joinedAt: at(1) });
      await members.add(tx, { teamId: team.id, userId: v2, role: 'vice_captain', shirtNumber: null, joinedAt: at(2) });
      await members.add(tx, { teamId: team.id, userId: p2, role: 'player', shirtNumber: 10, joinedAt: at(3) });
      await members.add(tx, { teamId: team.id, userId: v1, role: 'vice_captain', shirtNumber: 7, joinedAt: at(4) });
      await members.add(tx, { teamId: team.id, userId: p3, role: 'player', shirtNumber: null, joinedAt: at(5) });
    });
    const roster = await teams.findWithMembers(team.id);
    expect(roster?.members.map((member) => member.userId)).toEqual([captain, v1, v2, p2, p1, p3]);
    expect(await teams.findWithMembers(randomUUID())).toBeNull();
  });
});
