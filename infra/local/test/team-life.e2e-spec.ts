import { join } from 'node:path';
import { migrationsFor } from '@prodvor/platform';
import {
  browserKeys,
  createRealmUser,
  createTestDatabase,
  createTestVhost,
  eventually,
  loginAs,
  serverUrls,
  startHttpRecorder,
  startServiceProcess,
  startTestKafka,
  testKeycloak,
  uniqueName,
  type HttpRecorder,
  type ServiceProcess,
  type TestDatabase,
  type TestKafka,
  type TestVhost,
  TEST_ALLOWED_CLIENTS,
} from '@prodvor/testing';
import { io, type Socket } from 'socket.io-client';
import { startDevEdge, type DevEdge } from '../src/edge';
import { renderedKongFile } from '../src/edge/testing/edge-fixtures';

/**
 * A team's week as its people live it, through the dev edge with real Keycloak tokens and the built
 * services: the captain schedules a weekly training, players answer, the capacity fills and a decline
 * promotes the waitlist, the reminder reaches one player as a Web Push at a local push service and
 * another as a socket `notification`, the balancer splits a pickup game, and each user's `/me/actions`
 * lists exactly what they must do.
 */
const root = join(__dirname, '../../..');
const MINUTE = 60_000;

interface Person {
  id: string;
  token: string;
}

interface Notice {
  kind: string;
  data: Record<string, unknown>;
}

describe('team life through the edge: schedule, answers, reminders, pickup sides, "me"', { timeout: 120_000 }, () => {
  const keycloak = testKeycloak();
  let kafka: TestKafka;
  let vhost: TestVhost;
  let databases: TestDatabase[] = [];
  let services: ServiceProcess[] = [];
  let edge: DevEdge;
  let pushService: HttpRecorder;
  const sockets: Socket[] = [];

  let captain: Person;
  let players: Person[];
  let newcomer: Person;
  let invitee: Person;
  let teamId: string;

  beforeAll(async () => {
    databases = await Promise.all(
      ['user', 'team', 'chat'].map((name) =>
        createTestDatabase(name, migrationsFor(join(root, `services/${name}/prisma/migrations`))),
      ),
    );
    const [userDb, teamDb, chatDb] = databases;
    [kafka, vhost, pushService] = await Promise.all([
      startTestKafka(),
      createTestVhost('team-life'),
      startHttpRecorder(),
    ]);
    const common = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      REDIS_URL: serverUrls.redis,
      RABBITMQ_URL: vhost.url,
      OIDC_ISSUER: keycloak.issuer,
      // The test users log in through the dev-only client prodvor-dev-cli, which `npm run dev` allows too.
      OIDC_ALLOWED_CLIENTS: TEST_ALLOWED_CLIENTS,
      ...kafka.env,
    };
    const main = (name: string) => join(root, 'services', name, 'dist/main.js');
    const ai = await startServiceProcess(main('ai'), {
      ...common,
      SERVICE_NAME: 'ai',
      REDIS_KEY_PREFIX: uniqueName('ai'),
    });
    services = [ai];
    services.push(
      ...(await Promise.all([
        startServiceProcess(main('user'), {
          ...common,
          SERVICE_NAME: 'user',
          DATABASE_URL: userDb.url,
          REDIS_KEY_PREFIX: uniqueName('user'),
          KEYCLOAK_URL: keycloak.url,
          KEYCLOAK_CLIENT_SECRET: keycloak.userServiceSecret,
          WEB_PUSH_ALLOW_HTTP_ENDPOINTS: 'true',
          WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1',
        }),
        startServiceProcess(main('team'), {
          ...common,
          SERVICE_NAME: 'team',
          DATABASE_URL: teamDb.url,
          REDIS_KEY_PREFIX: uniqueName('team'),
          AI_SERVICE_URL: ai.url,
        }),
        startServiceProcess(main('chat'), {
          ...common,
          SERVICE_NAME: 'chat',
          DATABASE_URL: chatDb.url,
          REDIS_KEY_PREFIX: uniqueName('chat'),
        }),
      ])),
    );
    const [, user, team, chat] = services;
    edge = await startDevEdge({
      kongFile: await renderedKongFile({ issuer: keycloak.issuer }),
      upstreams: { user: user.url, team: team.url, chat: chat.url, ai: ai.url },
      rateLimit: false,
    });
    const people = await Promise.all(
      Array.from({ length: 7 }, async (_, i) => {
        const account = await createRealmUser({ prefix: `life${i}` });
        const { access_token: token } = await loginAs(account.username, account.password);
        const person = { id: account.id, token };
        // The profile (and with it the time zone and language of notifications) made on first sight.
        expect((await call(person, 'GET', '/api/v1/users/me')).status).toBe(200);
        return person;
      }),
    );
    [captain, newcomer, invitee] = people.splice(0, 3);
    players = people;
  }, 180_000);

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await edge?.stop();
    await Promise.allSettled(services.map((service) => service.stop()));
    await pushService?.close();
    await kafka?.stop();
    await vhost?.drop();
    await Promise.allSettled(databases.map((db) => db.drop()));
  });

  async function call(
    as: Person | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: () => Promise<Record<string, unknown>> }> {
    const response = await fetch(`${edge.url}${path}`, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${as.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: async () => JSON.parse(text) as Record<string, unknown> };
  }

  async function ok<T = Record<string, unknown>>(
    as: Person,
    method: string,
    path: string,
    body?: unknown,
    expected = [200, 201],
  ): Promise<T> {
    const answer = await call(as, method, path, body);
    const json = await answer.json().catch(() => ({}));
    if (!expected.includes(answer.status))
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  function connectSocket(person: Person): Promise<{ socket: Socket; notices: Notice[] }> {
    const socket = io(edge.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: person.token },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const notices: Notice[] = [];
    socket.on('notification', (notice: Notice) => notices.push(notice));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ socket, notices }));
      socket.once('connect_error', reject);
    });
  }

  type Action = { kind: string; invitationId?: string; requestId?: string; occurrenceStart?: string; eventId?: string };
  const myActions = async (person: Person) =>
    (await ok<{ items: Action[] }>(person, 'GET', '/api/v1/me/actions?limit=100')).items;
  /** Each action as `kind:what` (the occurrence, request or invitation it names), sorted. */
  const summary = (actions: Action[]) =>
    actions.map((a) => `${a.kind}:${a.occurrenceStart ?? a.requestId ?? a.invitationId ?? ''}`).sort();
  /** Waits until the read model behind /me/actions (fed over Kafka) shows exactly `expected`. */
  async function actionsBecome(person: Person, expected: string[]): Promise<void> {
    let seen: string[] = [];
    await eventually(async () => {
      seen = summary(await myActions(person));
      return JSON.stringify(seen) === JSON.stringify([...expected].sort());
    }, 30_000).catch(() => expect(seen).toEqual([...expected].sort()));
  }

  /** The captain's actions once the join request reached the read model. */
  async function myActionsOf(person: Person): Promise<Action[]> {
    let actions: Action[] = [];
    await eventually(async () => {
      actions = await myActions(person);
      return actions.some((a) => a.kind === 'join_request');
    }, 30_000);
    return actions;
  }

  const events = (path = '') => `/api/v1/teams/${teamId}/events${path}`;
  const rsvp = (person: Person, eventId: string, occurrence: string, response: string) =>
    ok<{ response: string; waitlisted: boolean }>(person, 'PUT', events(`/${eventId}/occurrences/${occurrence}/rsvp`), {
      response,
    });

  it('the captain builds the roster: invitations accepted, a join request waiting, one invitation open', async () => {
    teamId = (await ok<{ id: string }>(captain, 'POST', '/api/v1/teams', { name: uniqueName('Dvor'), format: '5x5' }))
      .id;
    // Each player finds the invitation on their home screen (`/me/actions`) and accepts it from there.
    for (const player of players)
      await ok(captain, 'POST', `/api/v1/teams/${teamId}/invitations`, { userId: player.id });
    await Promise.all(
      players.map(async (player) => {
        let invitation: Action | undefined;
        await eventually(async () => {
          invitation = (await myActions(player)).find((a) => a.kind === 'team_invitation');
          return invitation !== undefined;
        }, 30_000);
        await ok(player, 'POST', `/api/v1/invitations/${invitation!.invitationId}/accept`, undefined, [200]);
      }),
    );
    await ok(captain, 'POST', `/api/v1/teams/${teamId}/invitations`, { userId: invitee.id });
    await ok(captain, 'PATCH', `/api/v1/teams/${teamId}`, { recruiting: true }, [200]);
    await ok(newcomer, 'POST', `/api/v1/teams/${teamId}/join-requests`, {});
    const page = await ok<{ members: { userId: string }[] }>(captain, 'GET', `/api/v1/teams/${teamId}`);
    expect(page.members.map((m) => m.userId).sort()).toEqual([captain, ...players].map((p) => p.id).sort());
    let mine: { teamId: string; role: string }[] = [];
    await eventually(async () => {
      mine = (await ok<{ items: typeof mine }>(players[0], 'GET', '/api/v1/me/teams')).items;
      return mine.length > 0;
    }, 30_000);
    expect(mine).toEqual([expect.objectContaining({ teamId, role: 'player' })]);
  });

  it('a weekly training fills, a decline promotes the waitlist, and the reminder reaches push and socket', async () => {
    const [pushed, online, waiting, decliner] = players;
    const browser = browserKeys();
    const endpoint = `${pushService.url}/push/${crypto.randomUUID()}`;
    await ok(pushed, 'POST', '/api/v1/devices/web-push/subscriptions', {
      endpoint,
      keys: browser.keys,
      expirationTime: null,
    });
    const { notices } = await connectSocket(online);

    // Starts in 2 min 25 s with a 2-minute reminder: the reminder is due 25 s from now.
    const startsAt = new Date(Math.ceil((Date.now() + 2 * MINUTE + 25_000) / 1000) * 1000);
    const training = await ok<{ id: string; startsAt: string }>(captain, 'POST', events(), {
      kind: 'training',
      title: 'Weekly training',
      timeZone: 'Europe/Moscow',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * MINUTE).toISOString(),
      capacity: 2,
      rsvpCloseMinutes: 0,
      reminderMinutes: 2,
      recurrence: { weekdays: [moscowWeekday(startsAt)], count: 4 },
    });
    const first = training.startsAt;
    expect(first).toBe(startsAt.toISOString());

    // A stranger neither sees the event nor answers it.
    expect([403, 404]).toContain((await call(newcomer, 'GET', events(`/${training.id}`))).status);
    expect([403, 404]).toContain(
      (await call(newcomer, 'PUT', events(`/${training.id}/occurrences/${first}/rsvp`), { response: 'yes' })).status,
    );

    expect(await rsvp(decliner, training.id, first, 'yes')).toMatchObject({ waitlisted: false });
    expect(await rsvp(pushed, training.id, first, 'yes')).toMatchObject({ waitlisted: false });
    expect(await rsvp(online, training.id, first, 'yes')).toMatchObject({ waitlisted: true });
    expect(await rsvp(waiting, training.id, first, 'yes')).toMatchObject({ waitlisted: true });
    await rsvp(decliner, training.id, first, 'no');
    type Answers = Record<'going' | 'waitlist' | 'no', { userId: string }[]>;
    const answers = await ok<Answers>(captain, 'GET', events(`/${training.id}/occurrences/${first}/rsvps`));
    const ids = (list: { userId: string }[]) => list.map((a) => a.userId);
    expect(ids(answers.going).sort()).toEqual([pushed.id, online.id].sort());
    expect(ids(answers.waitlist)).toEqual([waiting.id]);
    expect(ids(answers.no)).toEqual([decliner.id]);

    // What each one must do now: the open answers of this week and next, the join request for the
    // captain, the open invitation for the invitee, and nothing at all for the stranger who asked to join.
    const weeksLater = (n: number) => new Date(new Date(first).getTime() + n * 7 * 24 * 60 * MINUTE).toISOString();
    const next = weeksLater(1);
    const joinRequest = (await myActionsOf(captain)).find((a) => a.kind === 'join_request')?.requestId ?? '';
    await actionsBecome(captain, [`join_request:${joinRequest}`, `rsvp:${first}`, `rsvp:${next}`]);
    for (const player of players) await actionsBecome(player, [`rsvp:${next}`]);
    await actionsBecome(newcomer, []);
    expect(summary(await myActions(invitee))).toEqual([expect.stringMatching(/^team_invitation:/)]);
    const week = await ok<{
      items: { eventId: string; occurrenceStart: string; myRsvp: string; waitlisted: boolean }[];
    }>(waiting, 'GET', '/api/v1/me/events');
    expect(
      week.items.filter((o) => o.eventId === training.id).map((o) => [o.occurrenceStart, o.myRsvp, o.waitlisted]),
    ).toEqual([
      [first, 'yes', true],
      [next, 'none', false],
      [weeksLater(2), 'none', false],
      [weeksLater(3), 'none', false],
    ]);

    // The promoted player hears of it live.
    await eventually(async () => notices.some((n) => n.kind === 'team_event.promoted'), 30_000);

    // The reminder: a VAPID-signed, encrypted Web Push for one going player, a socket notification for the other.
    const path = new URL(endpoint).pathname;
    await eventually(async () => pushService.to(path).length > 0, 60_000);
    const pushedNotice = browser.decrypt(pushService.to(path)[0].body) as Notice;
    expect(pushedNotice).toMatchObject({ kind: 'team_event.reminder', data: { eventId: training.id } });
    expect(String(pushService.to(path)[0].headers.authorization)).toMatch(/^vapid t=/);
    await eventually(async () => notices.some((n) => n.kind === 'team_event.reminder'), 30_000);
    expect(notices.find((n) => n.kind === 'team_event.reminder')?.data).toMatchObject({
      eventId: training.id,
      occurrenceStart: first,
    });
  });

  it('the balancer splits the going list of a pickup game into two sides; a player may not draw them', async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * 60 * MINUTE);
    startsAt.setUTCSeconds(0, 0);
    const pickup = await ok<{ id: string; startsAt: string }>(captain, 'POST', events(), {
      kind: 'pickup',
      title: 'Sunday pickup',
      timeZone: 'Europe/Moscow',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * MINUTE).toISOString(),
    });
    for (const person of [captain, ...players]) await rsvp(person, pickup.id, pickup.startsAt, 'yes');
    const sidesPath = events(`/${pickup.id}/occurrences/${pickup.startsAt}/sides`);
    expect((await call(players[0], 'POST', sidesPath)).status).toBe(403);
    expect((await call(newcomer, 'POST', sidesPath)).status).toBe(403);
    type Side = { userId: string }[];
    const game = await ok<{ sideA: Side; sideB: Side }>(captain, 'POST', sidesPath, undefined, [200]);
    expect([game.sideA.length, game.sideB.length].sort()).toEqual([2, 3]);
    expect([...game.sideA, ...game.sideB].map((p) => p.userId).sort()).toEqual(
      [captain, ...players].map((p) => p.id).sort(),
    );
  });
});

/** The ISO weekday (1 = Monday) of an instant in Moscow. */
function moscowWeekday(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Moscow' }).format(at);
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}
