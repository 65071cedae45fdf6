import { createEnvelope, deadLetterTopic, Exchanges, RoutingKeys, Topics, type MediaPurpose } from '@prodvor/contracts';
import { eventually, probeTopic, produce } from '@prodvor/testing';
import { connect as amqpConnect, type Channel, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { MediaAssetsRepository } from '../src/attachments/media-assets.repository';
import { CHAT_MEDIA_RESULTS_QUEUE } from '../src/attachments/media-results.topology';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { chatApi, closeAllSockets, collect, connect, emitAck, newUser, until } from './support/chat-users';
import { readModelEvents } from './support/read-model-events';

describe('send rules: own attachments, the per-user rate, poison messages', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let amqp: ChannelModel;
  let channel: Channel;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { CHAT_USER_SENDS_PER_WINDOW: '6', CHAT_USER_SEND_WINDOW_MS: '60000' });
    events = await readModelEvents(infra.kafka);
    amqp = await amqpConnect(infra.vhost.url);
    channel = await amqp.createChannel();
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await amqp?.close();
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  /** storage-service's result for a processed upload, on the `media` exchange. */
  function mediaProcessed(mediaId: string, ownerId: string, purpose: MediaPurpose = 'chat_attachment'): void {
    const envelope = createEnvelope({
      type: 'media.processed',
      producer: 'storage',
      subject: mediaId,
      correlationId: 'test',
      data: { mediaId, ownerId, purpose, variants: [] },
    });
    channel.publish(Exchanges.media, RoutingKeys.mediaProcessed, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
    });
  }

  it('accepts the sender’s processed media and refuses anyone else’s or unknown ids with one code', async () => {
    const [alice, bob] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await events.createTeam(alice.id, [bob.id]);
    const api = chatApi(chat.app);
    await eventually(async () => (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
    const [photo, bobsPhoto] = [randomUUID(), randomUUID()];
    mediaProcessed(photo, alice.id);
    mediaProcessed(bobsPhoto, bob.id, 'match_photo');
    const assets = chat.app.get(MediaAssetsRepository);
    await eventually(async () => (await assets.countOwned(bob.id, [bobsPhoto])) === 1);
    await eventually(async () => (await assets.countOwned(alice.id, [photo])) === 1);
    // A later result naming someone else as owner of the same media id changes nothing.
    const marker = randomUUID();
    mediaProcessed(photo, bob.id);
    mediaProcessed(marker, bob.id);
    await eventually(async () => (await assets.countOwned(bob.id, [marker])) === 1);

    const watcher = await connect(chat.url, bob.token);
    await emitAck(watcher, 'room:join', { roomId });
    const received = collect<{ id: string; attachments: string[] }>(watcher, 'message');
    const sender = await connect(chat.url, alice.token);
    const errors = collect<{ code: string; event: string }>(sender, 'error');
    const send = (clientMessageId: string, attachments: string[]) =>
      emitAck(sender, 'message:send', { roomId, clientMessageId, text: '', attachments });

    for (const [i, attachments] of [[bobsPhoto], [randomUUID()], [photo, bobsPhoto]].entries())
      expect(await send(`foreign-${i}`, attachments)).toMatchObject({
        ok: false,
        error: { code: 'CHAT_ATTACHMENT_NOT_OWNED', status: 422 },
      });
    expect(errors.map((e) => e.code)).toEqual(Array(3).fill('CHAT_ATTACHMENT_NOT_OWNED'));
    expect((await assets.countOwned(bob.id, [photo])) + (await assets.countOwned(alice.id, [bobsPhoto]))).toBe(0);

    // A refused send does not keep its client message id: the corrected retry is a new message.
    const accepted = await send('foreign-0', [photo]);
    expect(accepted).toMatchObject({ ok: true, duplicate: false });
    await until(() => received.length === 1, 15_000, 'the message with its attachment');
    expect(received[0]).toMatchObject({ id: accepted.id, attachments: [photo] });
    await eventually(async () => {
      const page = (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}/messages`)).json<{ items: unknown[] }>();
      return page.items.length === 1;
    });
    expect((await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}/messages`)).json<{ items: unknown[] }>().items).toEqual(
      [expect.objectContaining({ id: accepted.id, attachments: [photo], senderId: alice.id })],
    );
  });

  it('parks a media result it cannot parse on the queue’s DLQ, and keeps consuming', async () => {
    channel.publish(Exchanges.media, RoutingKeys.mediaProcessed, Buffer.from('{"type":"media.processed","data":'), {
      persistent: true,
    });
    const owner = randomUUID();
    const mediaId = randomUUID();
    mediaProcessed(mediaId, owner);
    await eventually(async () => (await channel.checkQueue(`${CHAT_MEDIA_RESULTS_QUEUE}.dlq`)).messageCount === 1);
    await eventually(async () => (await chat.app.get(MediaAssetsRepository).countOwned(owner, [mediaId])) === 1);
  });

  it('limits one user across all their sockets, while others in the room still send', async () => {
    const [flooder, other] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await events.createTeam(flooder.id, [other.id]);
    const api = chatApi(chat.app);
    await eventually(async () => (await api(other, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
    // Three connections, each within its own per-socket burst (5): only the per-user window (6) can refuse.
    const sockets = await Promise.all([1, 2, 3].map(() => connect(chat.url, flooder.token)));
    const answers = [];
    for (const [s, socket] of sockets.entries())
      for (let i = 0; i < 3; i++)
        answers.push(await emitAck(socket, 'message:send', { roomId, clientMessageId: `u-${s}-${i}`, text: 'hi' }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, true, false, false, false]);
    expect(answers.slice(6).map((a) => a.error)).toEqual(
      Array(3).fill(expect.objectContaining({ code: 'CHAT_RATE_LIMITED', status: 429 })),
    );
    const calm = await connect(chat.url, other.token);
    expect(await emitAck(calm, 'message:send', { roomId, clientMessageId: 'calm', text: 'fine' })).toMatchObject({
      ok: true,
    });
  });

  it('dead-letters a chat message the persistence group cannot parse, and keeps persisting the rest', async () => {
    const dlq = await probeTopic(infra.kafka, deadLetterTopic(Topics.chatMessages));
    try {
      const [alice, bob] = [await newUser(infra.idp), await newUser(infra.idp)];
      const roomId = await events.createTeam(alice.id, [bob.id]);
      const api = chatApi(chat.app);
      await eventually(async () => (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
      const poison = { id: randomUUID(), type: 'chat.message.sent', data: { roomId, text: 'no sender, no id' } };
      await produce(infra.kafka, Topics.chatMessages, roomId, poison);
      const sender = await connect(chat.url, alice.token);
      const sent = await emitAck(sender, 'message:send', { roomId, clientMessageId: 'after-poison', text: 'ok' });
      await dlq.waitFor((received) => received.some((e) => e.envelope.id === poison.id));
      await eventually(async () => {
        const page = (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}/messages`)).json<{
          items: { id: string }[];
        }>();
        return page.items.length === 1 && page.items[0].id === sent.id;
      });
    } finally {
      await dlq.stop();
    }
  });
});
