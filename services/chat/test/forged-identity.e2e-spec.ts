import { forgedClaimsHeaders, signTestToken, walkForgedIdentities } from '@prodvor/testing';
import { startChatInfra, startChatInstance, type ChatInfra, type ChatInstance } from './support/chat-app';
import { closeAllSockets, connect, newUser } from './support/chat-users';

/** Identity only from a verified access token, over HTTP and on the Socket.IO handshake. */
describe('forged identities (chat-service)', () => {
  let infra: ChatInfra;
  let chat: ChatInstance;
  beforeAll(async () => {
    infra = await startChatInfra();
    chat = await startChatInstance(infra);
  }, 90_000);
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await chat?.close();
    await infra?.stop();
  });

  it('never serves forged claims headers as their identity, nor tokens that are not its access tokens', async () => {
    const user = await newUser(infra.idp);
    const failures = await walkForgedIdentities({
      send: (headers) => chat.app.inject({ method: 'GET', url: '/api/v1/chat/rooms', headers }),
      user: { authorization: `Bearer ${user.token}` },
      servedAsUser: 200,
    });
    expect(failures).toEqual([]);
  });

  it('refuses a handshake with forged claims headers, a refresh token or a token of another client', async () => {
    const { io } = await import('socket.io-client');
    const forged = io(chat.url, {
      path: '/socket.io',
      transports: ['polling'],
      extraHeaders: forgedClaimsHeaders({ realm_access: { roles: ['admin'] } }),
      reconnection: false,
      forceNew: true,
    });
    await expect(
      new Promise((resolve, reject) => {
        forged.once('connect', () => resolve('connected'));
        forged.once('connect_error', reject);
      }),
    ).rejects.toBeTruthy();
    forged.close();
    for (const token of [signTestToken({}, { typ: 'Refresh' }), signTestToken({}, { azp: 'prodvor-user-service' })])
      await expect(connect(chat.url, token)).rejects.toBeTruthy();
    await expect(connect(chat.url, (await newUser(infra.idp)).token)).resolves.toBeTruthy();
  });
});
