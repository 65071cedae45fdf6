import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { actorOf, AppConfig, DomainError, MetricsService, TokenVerifier } from '@prodvor/platform';
import type { FastifyInstance } from 'fastify';
import type { Server as HttpServer } from 'node:http';
import { Gauge } from 'prom-client';
import { Server } from 'socket.io';
import type { ChatConfig } from '../config/chat.config';
import { EphemeralBus } from './ephemeral-bus';
import { PresenceService } from './presence.service';
import { RoomEvictions } from './room-evictions';
import { handshakeError } from './socket-errors';
import { expiryOf, SocketSession } from './socket-session';
import { type ChatServer, type ChatSocket, userChannel } from './socket-state';

export const SOCKET_PATH = '/socket.io';

/**
 * Socket.IO on the service's own HTTP server (path `/socket.io`). The handshake's `auth.token` is
 * verified against the realm JWKS by the same `TokenVerifier` as HTTP bearer tokens; the middleware
 * also runs again when a connection's state is recovered, and the recovered rooms and missed packets
 * wait for it (RoomEvictions), so a reconnect needs a valid token.
 * Without an adapter each instance reaches only its own sockets: messages reach every instance through
 * its own Kafka fan-out consumer, typing/read/presence/match signals through the Redis ephemeral bus.
 */
@Injectable()
export class ChatSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChatSocketServer.name);
  private server?: ChatServer;
  private heartbeat?: NodeJS.Timeout;
  private readonly connected?: Gauge;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
    private readonly session: SocketSession,
    private readonly presence: PresenceService,
    private readonly bus: EphemeralBus,
    private readonly evictions: RoomEvictions,
    @Inject(AppConfig) private readonly config: AppConfig<ChatConfig>,
    metrics: MetricsService,
  ) {
    this.connected = new Gauge({
      name: 'chat_sockets_connected',
      help: 'Socket.IO connections open on this instance',
      registers: [metrics.registry],
    });
  }

  get io(): ChatServer | undefined {
    return this.server;
  }

  onApplicationBootstrap(): void {
    const io: ChatServer = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: this.config.get('CHAT_SOCKET_MAX_BUFFER_BYTES'),
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    });
    io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(error as Error),
      );
    });
    io.on('connection', (socket) => this.onConnection(socket));
    this.evictions.watch(io);
    this.bus.onSignal((signal) => {
      const event = signal.kind === 'match' ? 'match:event' : signal.kind;
      io.to(signal.rooms).emit(event, signal.payload);
    });
    this.heartbeat = setInterval(() => {
      const connections = [...io.of('/').sockets.values()].map((s) => ({
        userId: s.data.actor.userId,
        socketId: s.id,
      }));
      this.presence
        .refresh(connections)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'presence refresh failed'));
    }, this.presence.heartbeatMs);
    this.heartbeat.unref();
    this.server = io;
    // Open sockets would keep the HTTP server from closing: they go first when the server starts to close.
    this.adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('preClose', async () => this.closeSockets());
  }

  onApplicationShutdown(): void {
    this.closeSockets();
  }

  private closeSockets(): void {
    clearInterval(this.heartbeat);
    if (!this.server) return;
    // Not io.close(): that would also close the HTTP server, which the platform closes itself (after draining).
    this.server.local.disconnectSockets(true);
    this.server.engine.close();
  }

  private async authenticate(socket: ChatSocket): Promise<void> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192)
      throw handshakeError('UNAUTHENTICATED', 'auth.token with an access token is required');
    try {
      const user = await this.verifier.verify(token);
      socket.data.actor = actorOf(user, `socket-${socket.id}`);
      socket.data.expiresAt = expiryOf(user.claims);
    } catch (error) {
      if (error instanceof DomainError) throw handshakeError(error.code, error.message);
      throw error;
    }
  }

  private onConnection(socket: ChatSocket): void {
    this.connected?.inc();
    this.session.attach(socket);
    // The user's own channel: in-app notifications reach every socket of theirs, on every instance.
    void socket.join(userChannel(socket.data.actor.userId));
    // A recovered session gets its rooms and missed packets only now, after its token was verified.
    if (socket.recovered)
      this.evictions
        .completeRecovery(socket)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'recovered rooms not restored'));
    this.presence
      .connected(socket.data.actor.userId, socket.id)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'presence not recorded'));
    socket.on('disconnect', () => this.connected?.dec());
  }
}
