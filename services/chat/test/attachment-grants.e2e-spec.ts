import { checkOpenApiDocument, verifyMediaGrant } from '@prodvor/platform';
import { eventually } from '@prodvor/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MediaAssetsRepository } from '../src/attachments/media-assets.repository';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { chatApi, closeAllSockets, connect, emitAck, newUser, type ChatUser } from './support/chat-users';

const MEDIA_GRANT_SECRET = 'chat-test-media-grant-secret-0123456789';

interface GrantItem {
  mediaId: string;
  grant: string;
  expiresAt: string;
}

describe('media grants for message attachments', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let api: ReturnType<typeof chatApi>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { MEDIA_GRANT_SECRET });
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await chat?.close();
    await infra?.stop();
  });

  /** Media storage has processed for `owner` (as chat learns it from media.processed). */
  async function ownedMedia(owner: ChatUser, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const mediaId of ids)
      await chat.app
        .get(MediaAssetsRepository)
        .record({ mediaId, ownerId: owner.id, purpose: 'chat_attachment', receivedAt: new Date() });
    return ids;
  }

  async function group(owner: ChatUser, members: ChatUser[]): Promise<string> {
    const answer = await api(owner, 'POST', '/api/v1/chat/group-rooms', {
      title: 'Photos',
      memberIds: members.map((m) => m.id),
    });
    expect(answer.statusCode).toBe(201);
    return answer.json<{ id: string }>().id;
  }

  async function sendWithAttachments(sender: ChatUser, roomId: string, attachments: string[]): Promise<string> {
    const socket = await connect(chat.url, sender.token);
    const ack = await emitAck(socket, 'message:send', { roomId, clientMessageId: randomUUID(), attachments });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    socket.close();
    const id = ack.id as string;
    await eventually(async () => (await grants(sender, roomId, id)).statusCode === 200);
    return id;
  }

  const grants = (user: ChatUser, roomId: string, messageId: string) =>
    api(user, 'GET', `/api/v1/chat/rooms/${roomId}/messages/${messageId}/attachments`);

  it('gives a room member a grant per attachment, bound to that member, media and room', async () => {
    const [sender, member] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await group(sender, [member]);
    const media = await ownedMedia(sender, 2);
    const messageId = await sendWithAttachments(sender, roomId, media);

    const answer = await grants(member, roomId, messageId);
    expect(answer.statusCode).toBe(200);
    const { items } = answer.json<{ items: GrantItem[] }>();
    expect(items.map((i) => i.mediaId)).toEqual(media);
    for (const item of items) {
      const lifetime = new Date(item.expiresAt).getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(200_000);
      expect(lifetime).toBeLessThanOrEqual(300_000);
      expect(
        await verifyMediaGrant(MEDIA_GRANT_SECRET, item.grant, { mediaId: item.mediaId, viewerId: member.id }),
      ).toEqual({ mediaId: item.mediaId, viewerId: member.id, roomId });
      // Bound to the member: the sender (or anyone else) cannot present it as theirs.
      expect(
        await verifyMediaGrant(MEDIA_GRANT_SECRET, item.grant, { mediaId: item.mediaId, viewerId: sender.id }),
      ).toBeNull();
    }
  });

  it('answers 404 to a stranger, for another room and an unknown message, and 401 without identity', async () => {
    const [sender, member, stranger] = [await newUser(infra.idp), await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await group(sender, [member]);
    const otherRoom = await group(stranger, []);
    const messageId = await sendWithAttachments(sender, roomId, await ownedMedia(sender, 1));

    const refused = await grants(stranger, roomId, messageId);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'CHAT_ROOM_NOT_FOUND' });
    // The stranger's own room does not open another room's message.
    expect((await grants(stranger, otherRoom, messageId)).json()).toMatchObject({
      status: 404,
      code: 'CHAT_MESSAGE_NOT_FOUND',
    });
    expect((await grants(member, roomId, randomUUID())).json()).toMatchObject({ code: 'CHAT_MESSAGE_NOT_FOUND' });
    expect(
      (await api(undefined, 'GET', `/api/v1/chat/rooms/${roomId}/messages/${messageId}/attachments`)).statusCode,
    ).toBe(401);
    expect((await grants(member, roomId, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('gives no grants for a deleted message, and none to a member who left', async () => {
    const [sender, member, leaver] = [await newUser(infra.idp), await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await group(sender, [member, leaver]);
    const messageId = await sendWithAttachments(sender, roomId, await ownedMedia(sender, 1));
    expect((await grants(leaver, roomId, messageId)).statusCode).toBe(200);

    expect((await api(leaver, 'DELETE', `/api/v1/chat/rooms/${roomId}/members/${leaver.id}`)).statusCode).toBe(204);
    expect((await grants(leaver, roomId, messageId)).json()).toMatchObject({ code: 'CHAT_ROOM_NOT_FOUND' });

    expect((await api(sender, 'DELETE', `/api/v1/chat/rooms/${roomId}/messages/${messageId}`)).statusCode).toBe(200);
    const deleted = await grants(member, roomId, messageId);
    expect(deleted.statusCode).toBe(404);
    expect(deleted.json()).toMatchObject({ code: 'CHAT_MESSAGE_NOT_FOUND' });
  });

  it('answers an empty list for a message without attachments', async () => {
    const sender = await newUser(infra.idp);
    const roomId = await group(sender, []);
    const socket = await connect(chat.url, sender.token);
    const ack = await emitAck(socket, 'message:send', { roomId, clientMessageId: randomUUID(), text: 'no photos' });
    await eventually(async () => (await grants(sender, roomId, ack.id as string)).statusCode === 200);
    expect((await grants(sender, roomId, ack.id as string)).json()).toEqual({ items: [] });
  });

  it('matches the checked-in openapi.json', async () => {
    const { generated, checkedIn } = await checkOpenApiDocument(chat.app, join(__dirname, '../openapi.json'));
    expect(checkedIn).toEqual(generated);
  });
});
