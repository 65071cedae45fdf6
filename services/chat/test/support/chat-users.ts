import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestIdentityProvider } from '@prodvor/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** A realm user with an access token from the test identity provider. */
export interface ChatUser {
  id: string;
  token: string;
}

export async function newUser(idp: TestIdentityProvider, roles: string[] = ['player']): Promise<ChatUser> {
  const id = randomUUID();
  return { id, token: await idp.mintToken({ sub: id, realm_access: { roles } }) };
}

/** HTTP through `app.inject` with the user's bearer token (verified against the JWKS like a handshake). */
export function chatApi(app: NestFastifyApplication) {
  return (
    user: ChatUser | undefined,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: user ? { authorization: `Bearer ${user.token}` } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

export type ClientSocket = Socket;

const sockets: Socket[] = [];

/** A connected Socket.IO client (WebSocket transport), or the `connect_error` it got. */
export function connect(url: string, token: unknown, options: { reconnection?: boolean } = {}): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function closeAllSockets(): void {
  for (const socket of sockets.splice(0)) socket.close();
}

export interface AckAnswer<T = Record<string, unknown>> {
  ok: boolean;
  error?: { code: string; status: number; message: string };
  [key: string]: unknown;
  data?: T;
}

export async function emitAck<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<AckAnswer & T> {
  return (await socket.timeout(10_000).emitWithAck(event, payload)) as AckAnswer & T;
}

/** Everything the socket receives on `event`, in order. */
export function collect<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

export async function until(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
