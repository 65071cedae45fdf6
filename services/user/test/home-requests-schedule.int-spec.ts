import { randomUUID } from 'node:crypto';
import { IdGenerator } from '@prodvor/platform';
import type { PrismaClient } from '../src/generated/prisma/client';
import type { HomeTeamEvent } from '../src/home/home.model';
import { MAX_ACTIONS_PER_KIND } from '../src/home/my-actions.service';
import { MAX_EVENTS_PER_WINDOW } from '../src/home/my-events.service';
import { HomeRequestsRepository } from '../src/home/repositories/home-requests.repository';
import { HomeScheduleRepository } from '../src/home/repositories/home-schedule.repository';
import { HomeTeamsRepository } from '../src/home/repositories/home-teams.repository';
import { at, deletedAccount, homeTeam, T0 } from './support/home-read-models';
import { openUserDatabase, type UserDatabase } from './support/user-database';

// The home read models' invitations, join requests, team events and answers (raw SQL and the reads over
// them) against a real, migrated throw-away database: insert-once, version and event-time guards, deleted
// accounts, filters, per-user scoping, window bounds, order and limits.
let database: UserDatabase;
let prisma: PrismaClient;
let teams: HomeTeamsRepository;
let requests: HomeRequestsRepository;
let schedule: HomeScheduleRepository;
const ids = new IdGenerator();

beforeAll(async () => {
  database = await openUserDatabase();
  prisma = database.prisma;
  teams = new HomeTeamsRepository(prisma);
  requests = new HomeRequestsRepository(prisma);
  schedule = new HomeScheduleRepository(prisma);
});

afterAll(() => database?.close());

const team = (name?: string, archived?: boolean) => homeTeam(prisma, teams, name, archived);

describe('HomeRequestsRepository', () => {
  it('stores an invitation once, keeps a resolution that arrived first, and skips deleted accounts', async () => {
    const [teamId, userId] = [await team(), randomUUID()];
    const invitationId = randomUUID();
    await requests.invitationCreated(prisma, { invitationId, teamId, userId, expiresAt: at(100) });
    await requests.invitationCreated(prisma, { invitationId, teamId, userId, expiresAt: at(999) });
    expect(await prisma.homeInvitation.findUnique({ where: { invitationId } })).toMatchObject({
      expiresAt: at(100),
      status: 'pending',
    });

    const resolvedFirst = randomUUID();
    await requests.invitationResolved(prisma, { invitationId: resolvedFirst, teamId, userId, status: 'revoked' });
    await requests.invitationCreated(prisma, { invitationId: resolvedFirst, teamId, userId, expiresAt: at(100) });
    expect((await prisma.homeInvitation.findUnique({ where: { invitationId: resolvedFirst } }))?.status).toBe(
      'revoked',
    );

    const gone = await deletedAccount(prisma);
    await requests.invitationCreated(prisma, { invitationId: randomUUID(), teamId, userId: gone, expiresAt: at(100) });
    await requests.joinRequestCreated(prisma, { requestId: randomUUID(), teamId, userId: gone, createdAt: T0 });
    expect(await prisma.homeInvitation.count({ where: { userId: gone } })).toBe(0);
    expect(await prisma.homeJoinRequest.count({ where: { userId: gone } })).toBe(0);
  });

  it("lists the user's own pending, unexpired invitations to live teams, soonest expiry first", async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    const [live, archived] = [await team('Live'), await team('Old', true)];
    const invite = async (userId: string, expiresAt: Date, teamId = live) => {
      const invitationId = ids.id();
      await requests.invitationCreated(prisma, { invitationId, teamId, userId, expiresAt });
      return invitationId;
    };
    const later = await invite(me, at(300));
    const soon = await invite(me, at(100));
    const soonTie = await invite(me, at(100));
    await invite(me, T0);
    await invite(me, at(100), archived);
    const accepted = await invite(me, at(100));
    await requests.invitationResolved(prisma, { invitationId: accepted, teamId: live, userId: me, status: 'accepted' });
    const theirs = await invite(other, at(100));

    const mine = await requests.pendingInvitations(me, T0, 10);
    expect(mine.map((i) => i.invitationId)).toEqual([soon, soonTie, later]);
    expect(mine[0]).toMatchObject({ teamId: live, teamName: 'Live', expiresAt: at(100) });
    expect((await requests.pendingInvitations(me, T0, 2)).map((i) => i.invitationId)).toEqual([soon, soonTie]);
    expect((await requests.pendingInvitations(other, T0, 10)).map((i) => i.invitationId)).toEqual([theirs]);
  });

  it("lists pending join requests to the teams, oldest first, with the requester's name when known", async () => {
    const [mine, elsewhere, archived] = [await team('Mine'), await team('Else'), await team('Old', true)];
    const named = randomUUID();
    await prisma.profile.create({ data: { id: named, username: `u${named}`, displayName: 'Named Player' } });
    const request = async (teamId: string, createdAt: Date, userId: string = randomUUID()) => {
      const requestId = ids.id();
      await requests.joinRequestCreated(prisma, { requestId, teamId, userId, createdAt });
      return requestId;
    };
    const newer = await request(mine, at(20), named);
    const older = await request(mine, at(10));
    const olderTie = await request(mine, at(10));
    const decided = await request(mine, at(5));
    await requests.joinRequestDecided(prisma, { requestId: decided, teamId: mine, userId: named, status: 'rejected' });
    await request(archived, at(1));
    const otherTeam = await request(elsewhere, at(1));

    const listed = await requests.pendingJoinRequests([mine, archived], 10);
    expect(listed.map((r) => r.requestId)).toEqual([older, olderTie, newer]);
    expect(listed[0]).toMatchObject({ teamName: 'Mine', displayName: null, createdAt: at(10) });
    expect(listed[2]).toMatchObject({ userId: named, displayName: 'Named Player' });
    expect((await requests.pendingJoinRequests([mine], 1)).map((r) => r.requestId)).toEqual([older]);
    expect((await requests.pendingJoinRequests([elsewhere], 10)).map((r) => r.requestId)).toEqual([otherTeam]);
    expect(await requests.pendingJoinRequests([], 10)).toEqual([]);
  });

  it(`returns at most the ${MAX_ACTIONS_PER_KIND} invitations and join requests asked for`, async () => {
    const [teamId, me] = [await team(), randomUUID()];
    const many = Array.from({ length: MAX_ACTIONS_PER_KIND + 1 }, () => randomUUID());
    await prisma.homeInvitation.createMany({
      data: many.map((invitationId) => ({ invitationId, teamId, userId: me, expiresAt: at(100), status: 'pending' })),
    });
    await prisma.homeJoinRequest.createMany({
      data: many.map((requestId) => ({ requestId, teamId, userId: randomUUID(), createdAt: T0, status: 'pending' })),
    });
    expect(await requests.pendingInvitations(me, T0, MAX_ACTIONS_PER_KIND)).toHaveLength(MAX_ACTIONS_PER_KIND);
    expect(await requests.pendingJoinRequests([teamId], MAX_ACTIONS_PER_KIND)).toHaveLength(MAX_ACTIONS_PER_KIND);
  });
});

function teamEvent(teamId: string, over: Partial<HomeTeamEvent> = {}): HomeTeamEvent {
  return {
    eventId: ids.id(),
    teamId,
    version: 1,
    kind: 'training',
    title: 'Training',
    venueName: null,
    startsAt: at(60),
    endsAt: at(120),
    timeZone: 'Europe/Moscow',
    capacity: null,
    rsvpCloseMinutes: 0,
    rule: null,
    overrides: [],
    cancelled: false,
    seriesEndsAt: at(120),
    ...over,
  };
}

describe('HomeScheduleRepository', () => {
  it('keeps only the highest snapshot version, with its rule and overrides', async () => {
    const teamId = randomUUID();
    const v2 = teamEvent(teamId, {
      version: 2,
      title: 'Tuesdays',
      rule: { weekdays: [2], intervalWeeks: 1, until: null, count: 10, skippedDates: [] },
      overrides: [{ occurrenceStart: at(60), startsAt: at(90), endsAt: at(150), cancelled: false }],
    });
    await schedule.applySnapshot(prisma, v2);
    await schedule.applySnapshot(prisma, { ...v2, version: 1, title: 'Stale' });
    await schedule.applySnapshot(prisma, { ...v2, version: 2, title: 'Same version' });
    const [stored] = await schedule.eventsOverlapping([teamId], T0, at(1000), 10);
    expect(stored).toEqual(v2);
    await schedule.applySnapshot(prisma, { ...v2, version: 3, title: 'Renamed', rule: null, overrides: [] });
    expect((await schedule.eventsOverlapping([teamId], T0, at(1000), 10))[0]).toMatchObject({
      version: 3,
      title: 'Renamed',
      rule: null,
      overrides: [],
    });
  });

  it("keeps a member's latest answer, ignores a late one, skips deleted accounts and scopes reads per user", async () => {
    const [me, other, eventId] = [randomUUID(), randomUUID(), randomUUID()];
    const rsvp = { eventId, occurrenceStart: at(60), userId: me, response: 'going', waitlisted: false };
    await schedule.answer(prisma, rsvp, at(10));
    await schedule.answer(prisma, { ...rsvp, response: 'not_going' }, at(5));
    await schedule.answer(prisma, { ...rsvp, occurrenceStart: at(10_140), response: 'maybe' }, at(5));
    await schedule.answer(prisma, { ...rsvp, userId: other, response: 'not_going' }, at(5));
    const gone = await deletedAccount(prisma);
    await schedule.answer(prisma, { ...rsvp, userId: gone }, at(5));

    const mine = await schedule.answersOf(me, [eventId]);
    expect(mine.sort((a, b) => a.occurrenceStart.getTime() - b.occurrenceStart.getTime())).toEqual([
      rsvp,
      { ...rsvp, occurrenceStart: at(10_140), response: 'maybe' },
    ]);
    await schedule.answer(prisma, { ...rsvp, response: 'not_going', waitlisted: true }, at(10));
    expect(await schedule.answersOf(me, [eventId])).toContainEqual({
      ...rsvp,
      response: 'not_going',
      waitlisted: true,
    });
    expect(await schedule.answersOf(gone, [eventId])).toEqual([]);
    expect(await schedule.answersOf(me, [randomUUID()])).toEqual([]);
  });

  it("lists the teams' events not cancelled overlapping [from, to), earliest first", async () => {
    const [mine, theirs] = [randomUUID(), randomUUID()];
    const from = at(1000);
    const to = at(2000);
    const event = async (over: Partial<HomeTeamEvent>, teamId = mine) => {
      const e = teamEvent(teamId, over);
      await schedule.applySnapshot(prisma, e);
      return e.eventId;
    };
    const series = await event({ startsAt: at(0), endsAt: at(60), seriesEndsAt: at(5000) });
    const inside = await event({ startsAt: at(1500), endsAt: at(1560), seriesEndsAt: at(1560) });
    const endsAtFrom = await event({ startsAt: at(900), endsAt: at(1000), seriesEndsAt: from });
    const startsAtTo = await event({ startsAt: to, endsAt: at(2060), seriesEndsAt: at(2060) });
    const justInside = await event({ startsAt: at(1999), endsAt: at(2060), seriesEndsAt: at(2060) });
    await event({ startsAt: at(1500), endsAt: at(1560), seriesEndsAt: at(1560), cancelled: true });
    const theirsInside = await event({ startsAt: at(1500), seriesEndsAt: at(1560) }, theirs);

    const listed = (await schedule.eventsOverlapping([mine], from, to, 10)).map((e) => e.eventId);
    expect(listed).toEqual([series, inside, justInside]);
    expect(listed).not.toContain(endsAtFrom);
    expect(listed).not.toContain(startsAtTo);
    expect((await schedule.eventsOverlapping([mine], from, to, 2)).map((e) => e.eventId)).toEqual([series, inside]);
    expect((await schedule.eventsOverlapping([theirs], from, to, 10)).map((e) => e.eventId)).toEqual([theirsInside]);
    expect(await schedule.eventsOverlapping([], from, to, 10)).toEqual([]);
  });

  it(`returns at most ${MAX_EVENTS_PER_WINDOW} events of a window`, async () => {
    const teamId = randomUUID();
    await prisma.homeTeamEvent.createMany({
      data: Array.from({ length: MAX_EVENTS_PER_WINDOW + 1 }, (_, i) => ({
        eventId: ids.id(),
        teamId,
        version: 1,
        kind: 'training',
        title: `e${i}`,
        startsAt: at(i),
        endsAt: at(i + 30),
        timeZone: 'UTC',
        rsvpCloseMinutes: 0,
        cancelled: false,
        seriesEndsAt: at(i + 30),
      })),
    });
    const listed = await schedule.eventsOverlapping([teamId], T0, at(10_000), MAX_EVENTS_PER_WINDOW);
    expect(listed).toHaveLength(MAX_EVENTS_PER_WINDOW);
    expect(listed.at(-1)?.title).toBe(`e${MAX_EVENTS_PER_WINDOW - 1}`);
  });
});
