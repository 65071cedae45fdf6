import { eventually, startServiceProcess, type ServiceProcess } from '@prodvor/testing';
import { join } from 'node:path';
import { PersistenceConsumer } from '../src/messages/persistence.consumer';
import { chatEnv, startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { chatApi, closeAllSockets, connect, emitAck, newUser, type ChatUser } from './support/chat-users';
import { readModelEvents } from './support/read-model-events';

const LIMITS = {
  CHAT_SOCKET_SENDS_PER_SECOND: '200',
  CHAT_SOCKET_EVENTS_PER_SECOND: '200',
  CHAT_SOCKET_EVENTS_BURST: '200',
  CHAT_USER_SENDS_PER_WINDOW: '10000',
};

/**
 * Chat persistence on a real Kafka broker of the file's own: the instance that persists is a real
 * process killed with SIGKILL mid-stream, then the broker itself restarts. Every acknowledged message
 * ends up stored exactly once, in order.
 */
describe('chat persistence through a consumer crash and a broker restart', () => {
  let infra: ChatInfra;
  let front: ChatInstance;
  let victim: ServiceProcess | undefined;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let captain: ChatUser;
  let roomId: string;

  beforeAll(async () => {
    infra = await startChatInfra({ privateKafka: true });
    front = await startChatInstance(infra, { ...LIMITS, CHAT_INSTANCE_ID: 'front' });
    // The victim alone persists: the front instance only accepts sends.
    await front.app.get(PersistenceConsumer).stop();
    victim = await startServiceProcess(
      join(__dirname, '../dist/main.js'),
      chatEnv(infra, { ...LIMITS, CHAT_INSTANCE_ID: 'victim', LOG_LEVEL: 'warn' }),
    );
    events = await readModelEvents(infra.kafka);
    captain = await newUser(infra.idp);
    roomId = await events.createTeam(captain.id, []);
    await eventually(
      async () => (await chatApi(front.app)(captain, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200,
      60_000,
    );
  }, 150_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await victim?.kill();
    await events?.stop();
    await front?.close();
    await infra?.stop();
  });

  async function storedIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (
        await chatApi(front.app)(captain, 'GET', `/api/v1/chat/rooms/${roomId}/messages?limit=100${query}`)
      ).json<{ items: { id: string }[]; nextCursor: string | null }>();
      ids.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids.reverse();
  }

  it('stores every acknowledged message exactly once, in order', async () => {
    const sender = await connect(front.url, captain.token);
    const acked: string[] = [];
    const send = async (label: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const ack = await emitAck(sender, 'message:send', { roomId, clientMessageId: `${label}-${i}`, text: label });
        // A send refused while the broker restarts is not acknowledged: the client retries it.
        if (ack.ok) acked.push(ack.id as string);
      }
    };

    await send('before-crash', 30);
    await eventually(async () => (await storedIds()).length >= 5, 30_000);
    await victim!.kill();
    await send('after-crash', 20);

    await infra.kafkaBroker!.restart();
    await send('after-restart', 20);
    expect(acked.length).toBeGreaterThanOrEqual(70 - 5);

    // The crashed member never left its group: the survivor takes its partitions once its session expires.
    await front.app.get(PersistenceConsumer).start();
    await eventually(async () => (await storedIds()).length >= acked.length, 90_000);
    const stored = await storedIds();
    expect(stored).toEqual(acked);
  }, 180_000);
});
