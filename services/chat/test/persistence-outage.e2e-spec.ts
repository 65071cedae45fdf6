import { eventually, serverUrls } from '@prodvor/testing';
import { Client } from 'pg';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { chatApi, closeAllSockets, connect, emitAck, newUser } from './support/chat-users';
import { readModelEvents } from './support/read-model-events';

/** Runs `sql` as the server's superuser (outside the service's own database). */
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrls.postgres });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('persistence through a database outage', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let events: Awaited<ReturnType<typeof readModelEvents>>;

  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra, { CHAT_SOCKET_SENDS_PER_SECOND: '100' });
    events = await readModelEvents(infra.kafka);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await admin(`ALTER DATABASE "${infra.db.name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await events?.stop();
    await chat?.close();
    await infra?.stop();
  });

  it('keeps acknowledged messages when PostgreSQL is unavailable for longer than the bounded retries', async () => {
    const [alice, bob] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await events.createTeam(alice.id, [bob.id]);
    const api = chatApi(chat.app);
    await eventually(async () => (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
    const sender = await connect(chat.url, alice.token);
    // Warms the access cache: the send path itself does not need the database.
    const first = await emitAck(sender, 'message:send', { roomId, clientMessageId: 'before', text: 'before' });
    expect(first.ok).toBe(true);
    await eventually(async () => (await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}/messages`)).statusCode === 200);

    // The outage: no new connections, and the open ones cut.
    await admin(`ALTER DATABASE "${infra.db.name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${infra.db.name}'`);
    const acked: string[] = [first.id as string];
    for (let i = 0; i < 5; i++) {
      const ack = await emitAck(sender, 'message:send', { roomId, clientMessageId: `during-${i}`, text: `d${i}` });
      expect(ack.ok).toBe(true);
      acked.push(ack.id as string);
    }
    // Five attempts with 200 ms doubling backoff used to end after about 3 s: stay down well past that.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await admin(`ALTER DATABASE "${infra.db.name}" ALLOW_CONNECTIONS true`);

    await eventually(async () => {
      const response = await api(bob, 'GET', `/api/v1/chat/rooms/${roomId}/messages?limit=100`);
      if (response.statusCode !== 200) return false;
      const stored = new Set(response.json<{ items: { id: string }[] }>().items.map((m) => m.id));
      return acked.every((id) => stored.has(id));
    }, 60_000);
  }, 120_000);
});
