import { eventually, startTestTokenEndpoint, tokenClaims, type TestTokenEndpoint } from '@prodvor/testing';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessagesService, MODERATION_ACTOR_ID } from '../src/messages/messages.service';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import {
  chatApi,
  closeAllSockets,
  collect,
  connect,
  emitAck,
  newUser,
  until,
  type ChatUser,
} from './support/chat-users';
import { readModelEvents } from './support/read-model-events';

interface ModerationCall {
  text: string;
  authorId: string;
  headers: IncomingHttpHeaders;
}

const CHAT_CLIENT = { id: 'prodvor-chat-service', secret: 'chat-test-secret' };

/**
 * ai-service's moderation route as chat sees it, deciding by the text: "[down]" answers 503, "[stuck]"
 * never answers (ai-service down or stuck); otherwise 'toxic' for texts with "idiot", else 'ok'.
 */
async function startModerationStandIn() {
  const calls: ModerationCall[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/v1/ai/moderation') return void res.writeHead(404).end();
      const { text, authorId } = JSON.parse(body) as { text: string; authorId: string };
      calls.push({ text, authorId, headers: req.headers });
      if (text.includes('[stuck]')) return;
      if (text.includes('[down]')) return void res.writeHead(503).end();
      const verdict = /idiot/i.test(text) ? 'toxic' : 'ok';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ verdict, reason: verdict, confidence: 0.9, decidedBy: 'rules' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    callsFor: (text: string) => calls.filter((call) => call.text === text),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface HistoryItem {
  id: string;
  text: string;
  deleted: boolean;
}

describe('post-delivery moderation review', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  let ai: Awaited<ReturnType<typeof startModerationStandIn>>;
  let events: Awaited<ReturnType<typeof readModelEvents>>;
  let api: ReturnType<typeof chatApi>;
  let tokens: TestTokenEndpoint;

  beforeAll(async () => {
    [infra, ai, tokens] = await Promise.all([
      startChatInfra(),
      startModerationStandIn(),
      startTestTokenEndpoint({ [CHAT_CLIENT.id]: { secret: CHAT_CLIENT.secret, roles: ['service:moderation'] } }),
    ]);
    chat = await startChatInstance(infra, {
      AI_SERVICE_URL: ai.url,
      CHAT_MODERATION_TIMEOUT_MS: '300',
      OIDC_TOKEN_URL: tokens.tokenUrl,
      CHAT_SERVICE_CLIENT_SECRET: CHAT_CLIENT.secret,
    });
    events = await readModelEvents(infra.kafka);
    api = chatApi(chat.app);
  }, 90_000);

  afterEach(() => closeAllSockets());

  afterAll(async () => {
    await events?.stop();
    await chat?.close();
    await ai?.stop();
    await tokens?.stop();
    await infra?.stop();
  });

  async function teamRoom(): Promise<{ captain: ChatUser; player: ChatUser; roomId: string }> {
    const [captain, player] = [await newUser(infra.idp), await newUser(infra.idp)];
    const roomId = await events.createTeam(captain.id, [player.id]);
    await eventually(async () => (await api(player, 'GET', `/api/v1/chat/rooms/${roomId}`)).statusCode === 200);
    return { captain, player, roomId };
  }

  async function history(user: ChatUser, roomId: string): Promise<Map<string, HistoryItem>> {
    const page = (await api(user, 'GET', `/api/v1/chat/rooms/${roomId}/messages`)).json<{ items: HistoryItem[] }>();
    return new Map(page.items.map((item) => [item.id, item]));
  }

  it('delivers a toxic message, then hides it live and in history as the author was judged; an ok message stays, an edit is reviewed again', async () => {
    const { captain, player, roomId } = await teamRoom();
    const watcher = await connect(chat.url, player.token);
    await emitAck(watcher, 'room:join', { roomId });
    const delivered = collect<{ id: string; text: string }>(watcher, 'message');
    const deletions = collect<{ messageId: string; deletedBy: string }>(watcher, 'message:deleted');
    const sender = await connect(chat.url, captain.token);
    const fine = await emitAck<{ id: string }>(sender, 'message:send', {
      roomId,
      clientMessageId: 'm1',
      text: 'gg all',
    });
    const rude = await emitAck<{ id: string }>(sender, 'message:send', {
      roomId,
      clientMessageId: 'm2',
      text: 'you idiot',
    });
    expect([fine.ok, rude.ok]).toEqual([true, true]);

    await until(() => deletions.length === 1, 15_000, 'the moderation deletion push');
    expect(deletions[0]).toMatchObject({ messageId: rude.id, deletedBy: MODERATION_ACTOR_ID });
    // Delivered first, with its text, before the review hid it.
    expect(delivered.map((message) => [message.id, message.text])).toEqual([
      [fine.id, 'gg all'],
      [rude.id, 'you idiot'],
    ]);
    await eventually(async () => (await history(player, roomId)).get(rude.id)?.deleted === true);
    const stored = await history(player, roomId);
    expect(stored.get(rude.id)).toMatchObject({ deleted: true, text: '' });
    expect(stored.get(fine.id)).toMatchObject({ deleted: false, text: 'gg all' });

    // Each call came as chat-service (its service-account token, role service:moderation) and named the
    // author in the body; no claims headers, no token of the author.
    for (const text of ['gg all', 'you idiot']) {
      const [call] = ai.callsFor(text);
      expect(call.authorId).toBe(captain.id);
      expect(call.headers['x-authenticated-userid']).toBeUndefined();
      expect(call.headers['x-userinfo']).toBeUndefined();
      const claims = tokenClaims(/^Bearer (.+)$/.exec(call.headers.authorization ?? '')![1]);
      expect(claims).toMatchObject({ azp: CHAT_CLIENT.id, typ: 'Bearer' });
      expect(claims.realm_access?.roles).toEqual(['service:moderation']);
      expect(claims.sub).not.toBe(captain.id);
    }
    // One client credentials grant served every call so far (cached until shortly before it expires).
    expect(tokens.grants).toEqual([{ clientId: CHAT_CLIENT.id, issued: true }]);

    // A redelivery of the verdict changes nothing and pushes nothing.
    expect(await chat.app.get(MessagesService).hideByModeration(roomId, rude.id, 'redelivery')).toBe(false);
    await chat.flushOutbox();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deletions).toHaveLength(1);

    // An edit is reviewed too: the ok message edited into an insult is hidden.
    const edited = await api(captain, 'PATCH', `/api/v1/chat/rooms/${roomId}/messages/${fine.id}`, {
      text: 'gg, idiot',
    });
    expect(edited.statusCode).toBe(200);
    await chat.flushOutbox();
    await until(() => deletions.length === 2, 15_000, 'the deletion push of the edited message');
    expect(deletions[1]).toMatchObject({ messageId: fine.id, deletedBy: MODERATION_ACTOR_ID });
    expect(ai.callsFor('gg, idiot')[0].authorId).toBe(captain.id);
    await eventually(async () => (await history(player, roomId)).get(fine.id)?.deleted === true);
  });

  it('keeps the message when ai-service answers 503 or does not answer, and goes on reviewing', async () => {
    const { captain, roomId } = await teamRoom();
    const sender = await connect(chat.url, captain.token);
    const send = (clientMessageId: string, text: string) =>
      emitAck<{ id: string }>(sender, 'message:send', { roomId, clientMessageId, text });
    const whileDown = await send('d1', 'idiot [down]');
    const whileStuck = await send('d2', 'idiot [stuck]');
    const afterwards = await send('d3', 'idiot afterwards');
    expect([whileDown.ok, whileStuck.ok, afterwards.ok]).toEqual([true, true, true]);

    // The same room is one partition, reviewed in order: once the last one is hidden, the others were decided.
    await eventually(async () => (await history(captain, roomId)).get(afterwards.id)?.deleted === true);
    expect(ai.callsFor('idiot [down]')).toHaveLength(2);
    expect(ai.callsFor('idiot [stuck]')).toHaveLength(2);
    const stored = await history(captain, roomId);
    expect(stored.get(whileDown.id)).toMatchObject({ deleted: false, text: 'idiot [down]' });
    expect(stored.get(whileStuck.id)).toMatchObject({ deleted: false, text: 'idiot [stuck]' });
  });
});
