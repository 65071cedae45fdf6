import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createPrismaClient, IdGenerator, migrationsFor } from '@prodvor/platform';
import { createTestDatabase, type TestDatabase } from '@prodvor/testing';
import type { ChatMessageSent } from '@prodvor/contracts';
import { MediaAssetsRepository } from '../src/attachments/media-assets.repository';
import { PrismaClient } from '../src/generated/prisma/client';
import { MessagesRepository } from '../src/messages/messages.repository';
import { ReadReceiptsRepository } from '../src/receipts/read-receipts.repository';
import { RoomsRepository, UNREAD_CAP } from '../src/rooms/rooms.repository';

// The raw SQL of chat's repositories against a real, migrated throw-away database: idempotent inserts,
// the forward-only read receipt, bounded unread counts, full-text search with its keyset cursor, and the
// membership queries over the read model.
let db: TestDatabase;
let prisma: PrismaClient;
let rooms: RoomsRepository;
let messages: MessagesRepository;
let receipts: ReadReceiptsRepository;
let media: MediaAssetsRepository;
const ids = new IdGenerator();

beforeAll(async () => {
  db = await createTestDatabase('chat', migrationsFor(join(__dirname, '../prisma/migrations')));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: 4 });
  rooms = new RoomsRepository(prisma);
  messages = new MessagesRepository(prisma);
  receipts = new ReadReceiptsRepository(prisma);
  media = new MediaAssetsRepository(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function groupRoom(...memberIds: string[]): Promise<string> {
  const id = randomUUID();
  await rooms.createGroup({ id, title: 'g', ownerId: memberIds[0], memberIds });
  return id;
}

let clientIds = 0;
function sent(roomId: string, senderId: string, text: string, extra: Partial<ChatMessageSent> = {}): ChatMessageSent {
  return {
    messageId: ids.id(),
    roomId,
    roomKind: 'group',
    senderId,
    clientMessageId: `c-${++clientIds}`,
    text,
    attachments: [],
    mentions: [],
    sentAt: new Date().toISOString(),
    ...extra,
  };
}

async function stored(roomId: string, senderId: string, text: string): Promise<string> {
  const message = sent(roomId, senderId, text);
  expect(await messages.insertOnce(message)).toBe(true);
  return message.messageId;
}

describe('MessagesRepository (raw SQL)', () => {
  it('stores a consumed message once: a redelivery or a second id for the same client message id stores nothing', async () => {
    const alice = randomUUID();
    const roomId = await groupRoom(alice);
    const message = sent(roomId, alice, 'hello', { mentions: [randomUUID()], attachments: [randomUUID()] });
    expect(await messages.insertOnce(message)).toBe(true);
    expect(await messages.insertOnce(message)).toBe(false);
    expect(await messages.insertOnce({ ...message, messageId: ids.id() })).toBe(false);
    // the same client id in another room, or from another sender, is another message
    const otherRoom = await groupRoom(alice);
    expect(await messages.insertOnce({ ...message, messageId: ids.id(), roomId: otherRoom })).toBe(true);
    expect(await messages.insertOnce({ ...message, messageId: ids.id(), senderId: randomUUID() })).toBe(true);

    const row = await messages.find(roomId, message.messageId);
    expect(row).toMatchObject({
      id: message.messageId,
      senderId: alice,
      clientMessageId: message.clientMessageId,
      text: 'hello',
      mentions: message.mentions,
      attachments: message.attachments,
      replyToId: null,
      sentAt: new Date(message.sentAt),
    });
    expect(await prisma.message.count({ where: { roomId } })).toBe(2);
  });

  it('searches words newest first, skips deleted messages, and pages strictly before the cursor', async () => {
    const alice = randomUUID();
    const roomId = await groupRoom(alice);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await stored(roomId, alice, `goal number ${i}`));
    await stored(roomId, alice, 'nothing to see');
    const deleted = await stored(roomId, alice, 'a goal then deleted');
    await messages.applyDelete(deleted, alice, new Date());
    await stored(await groupRoom(alice), alice, 'goal in another room');

    const first = await messages.search(roomId, 'GOAL', 2);
    expect(first.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first[0]).toMatchObject({ roomId, senderId: alice, text: 'goal number 4', deletedAt: null });
    const next = await messages.search(roomId, 'goal', 2, first[1].id);
    expect(next.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    const last = await messages.search(roomId, 'goal', 2, next[1].id);
    expect(last.map((m) => m.id)).toEqual([ids[0]]);
    expect(await messages.search(roomId, 'goal number', 10, ids[0])).toEqual([]);
    expect(await messages.search(roomId, 'absent', 10)).toEqual([]);
  });
});

describe('ReadReceiptsRepository (raw SQL)', () => {
  it('moves a receipt forward only, and writes nothing for a message of another room', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const roomId = await groupRoom(alice, bob);
    const [m1, m2, m3] = [
      await stored(roomId, alice, 'one'),
      await stored(roomId, alice, 'two'),
      await stored(roomId, alice, 'three'),
    ];
    const foreign = await stored(await groupRoom(alice, bob), alice, 'elsewhere');

    expect(await receipts.markRead(roomId, bob, m2, new Date())).toBe(m2);
    expect(await receipts.markRead(roomId, bob, m1, new Date())).toBe(m2);
    expect(await receipts.markRead(roomId, bob, m3, new Date())).toBe(m3);
    expect(await receipts.markRead(roomId, bob, foreign, new Date())).toBeNull();
    expect(await receipts.markRead(roomId, bob, ids.id(), new Date())).toBeNull();
    expect(await receipts.list(roomId, 10)).toEqual([expect.objectContaining({ userId: bob, lastReadMessageId: m3 })]);
  });

  it("counts others' live messages after the receipt, and stops counting at the cap", async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const roomId = await groupRoom(alice, bob);
    const m1 = await stored(roomId, alice, 'one');
    await stored(roomId, bob, 'my own');
    const m3 = await stored(roomId, alice, 'three');
    const m4 = await stored(roomId, alice, 'deleted');
    await messages.applyDelete(m4, alice, new Date());

    expect(await receipts.unreadCount(roomId, bob)).toBe(2);
    await receipts.markRead(roomId, bob, m1, new Date());
    expect(await receipts.unreadCount(roomId, bob)).toBe(1);
    await receipts.markRead(roomId, bob, m3, new Date());
    expect(await receipts.unreadCount(roomId, bob)).toBe(0);
    expect(await receipts.unreadCount(roomId, alice)).toBe(1); // bob's own message, unread by alice

    const busy = await groupRoom(alice, bob);
    await prisma.$executeRaw`
      INSERT INTO messages (id, room_id, sender_id, client_message_id, text, attachments, mentions, sent_at)
      SELECT gen_random_uuid(), ${busy}::uuid, ${alice}::uuid, 'bulk-' || n, 'spam', '{}', '{}', now()
      FROM generate_series(1, ${UNREAD_CAP + 5}) n`;
    expect(await receipts.unreadCount(busy, bob)).toBe(UNREAD_CAP);
  });
});

describe('MediaAssetsRepository (raw SQL)', () => {
  it('records a media object once (its first owner stays) and counts only the owner’s ids', async () => {
    const [alice, mallory] = [randomUUID(), randomUUID()];
    const [a1, a2, other] = [randomUUID(), randomUUID(), randomUUID()];
    await media.record({ mediaId: a1, ownerId: alice, purpose: 'chat_attachment', receivedAt: new Date() });
    await media.record({ mediaId: a2, ownerId: alice, purpose: 'chat_attachment', receivedAt: new Date() });
    await media.record({ mediaId: a1, ownerId: mallory, purpose: 'chat_attachment', receivedAt: new Date() });
    await media.record({ mediaId: other, ownerId: mallory, purpose: 'chat_attachment', receivedAt: new Date() });

    expect(await media.countOwned(alice, [a1, a2])).toBe(2);
    expect(await media.countOwned(alice, [a1, other, randomUUID()])).toBe(1);
    expect(await media.countOwned(mallory, [a1, a2])).toBe(0);
    expect(await media.countOwned(alice, [])).toBe(0);
  });
});

describe('RoomsRepository (raw SQL)', () => {
  async function team(members: string[]): Promise<string> {
    const id = randomUUID();
    await prisma.teamMember.createMany({ data: members.map((userId) => ({ teamId: id, userId, role: 'player' })) });
    return id;
  }

  async function tournament(organizerId: string, teamIds: string[]): Promise<string> {
    const id = randomUUID();
    await prisma.tournament.create({ data: { id, organizerId, visibility: 'public' } });
    await prisma.tournamentTeam.createMany({ data: teamIds.map((teamId) => ({ tournamentId: id, teamId })) });
    return id;
  }

  it('creates one direct room per pair, also under concurrent requests, with both users as members', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const directKey = [alice, bob].sort().join(':');
    const created = await Promise.all(
      Array.from({ length: 5 }, () =>
        rooms.createDirect({ id: randomUUID(), directKey, createdBy: alice, userIds: [alice, bob] }),
      ),
    );
    expect(new Set(created.map((room) => room.id)).size).toBe(1);
    expect(created[0]).toMatchObject({ kind: 'direct', directKey, createdBy: alice });
    const ref = (await rooms.findRef(created[0].id))!;
    expect((await rooms.memberIds(ref, 10)).sort()).toEqual([alice, bob].sort());
  });

  it('tells whether a user plays in a tournament through an approved team', async () => {
    const [player, bench, organizer] = [randomUUID(), randomUUID(), randomUUID()];
    const approved = await team([player]);
    await team([bench]);
    const cup = await tournament(organizer, [approved]);
    expect(await rooms.playsInTournament(cup, player)).toBe(true);
    expect(await rooms.playsInTournament(cup, bench)).toBe(false);
    expect(await rooms.playsInTournament(cup, organizer)).toBe(false);
    expect(await rooms.playsInTournament(randomUUID(), player)).toBe(false);
  });

  it('lists the members of each kind of room from the read model, bounded by the limit', async () => {
    const [organizer, h1, h2, a1, outsider] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const home = await team([h1, h2]);
    const away = await team([a1]);
    await team([outsider]);
    const cup = await tournament(organizer, [home, away]);
    const ref = { title: null, tournamentId: null, homeTeamId: null, awayTeamId: null, archivedAt: null };

    expect((await rooms.memberIds({ ...ref, id: home, kind: 'team' }, 10)).sort()).toEqual([h1, h2].sort());
    expect((await rooms.memberIds({ ...ref, id: cup, kind: 'tournament' }, 10)).sort()).toEqual(
      [organizer, h1, h2, a1].sort(),
    );
    const match = {
      ...ref,
      id: randomUUID(),
      kind: 'match' as const,
      tournamentId: cup,
      homeTeamId: home,
      awayTeamId: away,
    };
    expect((await rooms.memberIds(match, 10)).sort()).toEqual([organizer, h1, h2, a1].sort());
    expect(await rooms.memberIds({ ...ref, id: cup, kind: 'tournament' }, 2)).toHaveLength(2);
    const group = await groupRoom(h1, outsider);
    expect((await rooms.memberIds({ ...ref, id: group, kind: 'group' }, 10)).sort()).toEqual([h1, outsider].sort());
    expect(await rooms.memberIds({ ...ref, id: group, kind: 'group' }, 1)).toHaveLength(1);
  });

  it("lists a user's rooms of every kind, open ones first by id, with capped unread counts", async () => {
    const [me, mate, organizer, rival] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const myTeam = await team([me, mate]);
    const rivalTeam = await team([rival]);
    const cup = await tournament(organizer, [myTeam, rivalTeam]);
    const matchRoom = randomUUID();
    const foreignMatch = randomUUID();
    await prisma.room.createMany({
      data: [
        { id: myTeam, kind: 'team' },
        { id: rivalTeam, kind: 'team' },
        { id: cup, kind: 'tournament' },
        { id: matchRoom, kind: 'match', tournamentId: cup, homeTeamId: myTeam, awayTeamId: rivalTeam },
        { id: foreignMatch, kind: 'match', tournamentId: cup, homeTeamId: rivalTeam, awayTeamId: randomUUID() },
      ],
    });
    const direct = await rooms.createDirect({
      id: randomUUID(),
      directKey: [me, mate].sort().join(':'),
      createdBy: mate,
      userIds: [me, mate],
    });
    const archived = await groupRoom(mate, me);
    await prisma.room.update({ where: { id: archived }, data: { archivedAt: new Date() } });

    const read = await stored(myTeam, mate, 'read already');
    await stored(myTeam, mate, 'unread 1');
    await stored(myTeam, mate, 'unread 2');
    await stored(myTeam, me, 'my own');
    await receipts.markRead(myTeam, me, read, new Date());
    await stored(direct.id, mate, 'hi');

    const mine = await rooms.myRooms(me, 50);
    const open = [myTeam, cup, matchRoom, direct.id].sort();
    expect(mine.map((room) => room.id)).toEqual([...open, archived]);
    expect(mine.find((room) => room.id === myTeam)).toMatchObject({
      kind: 'team',
      lastReadMessageId: read,
      unreadCount: 2,
    });
    expect(mine.find((room) => room.id === direct.id)).toMatchObject({ kind: 'direct', unreadCount: 1 });
    expect(mine.find((room) => room.id === archived)).toMatchObject({ archivedAt: expect.any(Date) });
    expect((await rooms.myRooms(me, 2)).map((room) => room.id)).toEqual(open.slice(0, 2));
    expect((await rooms.myRooms(organizer, 50)).map((room) => room.id)).toEqual([cup]);
  });
});
