import { createEnvelope, sampleData, Topics, type NotificationInApp } from '@prodvor/contracts';
import { produce } from '@prodvor/testing';
import { v7 as uuidv7 } from 'uuid';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { closeAllSockets, collect, connect, newUser, until } from './support/chat-users';

/** What user-service's outbox puts on notifications.in-app.v1 when a notification lands in an inbox. */
function inAppEvent(data: NotificationInApp, id = uuidv7()) {
  return createEnvelope({
    id,
    type: 'notification.in_app',
    producer: 'user',
    subject: data.userId,
    correlationId: 'test',
    data,
  });
}

describe('in-app notifications over Socket.IO', () => {
  let infra: ChatInfra;
  let a: ChatInstance;
  let b: ChatInstance;

  beforeAll(async () => {
    infra = await startChatInfra();
    [a, b] = await Promise.all([
      startChatInstance(infra, { CHAT_INSTANCE_ID: 'notify-a' }),
      startChatInstance(infra, { CHAT_INSTANCE_ID: 'notify-b' }),
    ]);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await infra?.stop();
  });

  it("emits `notification` once to every socket of its user on every instance, and to nobody else's", async () => {
    const [alice, bob] = await Promise.all([newUser(infra.idp), newUser(infra.idp)]);
    const aliceOnA = await connect(a.url, alice.token);
    const aliceOnB = await connect(b.url, alice.token);
    const bobOnA = await connect(a.url, bob.token);
    const seen = [collect(aliceOnA, 'notification'), collect(aliceOnB, 'notification')];
    const bobSeen = collect(bobOnA, 'notification');

    const data: NotificationInApp = {
      ...(sampleData('notification.in_app') as NotificationInApp),
      userId: alice.id,
      title: 'Скоро матч',
      body: 'Матч начнётся 7 дек. 2026 г., 18:30',
    };
    const event = inAppEvent(data);
    await produce(infra.kafka, Topics.notificationsInApp, alice.id, event);
    // The same event again, and a second envelope for the same notification (a relay retry).
    await produce(infra.kafka, Topics.notificationsInApp, alice.id, event);
    await produce(infra.kafka, Topics.notificationsInApp, alice.id, inAppEvent(data));
    // Something invalid on the topic is dead-lettered, not emitted.
    await produce(infra.kafka, Topics.notificationsInApp, alice.id, { ...event, data: { userId: 'nope' } });
    const later: NotificationInApp = { ...data, notificationId: uuidv7(), title: 'Later' };
    await produce(infra.kafka, Topics.notificationsInApp, alice.id, inAppEvent(later));

    await until(() => seen.every((received) => received.length >= 2), 20_000, 'notifications on both sockets');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const received of seen) {
      expect(received).toEqual([
        {
          id: data.notificationId,
          kind: data.kind,
          title: 'Скоро матч',
          body: data.body,
          data: data.data,
          createdAt: data.createdAt,
          readAt: null,
        },
        expect.objectContaining({ id: later.notificationId, title: 'Later' }),
      ]);
    }
    expect(bobSeen).toEqual([]);
  });
});
