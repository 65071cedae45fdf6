import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as delay } from 'node:timers/promises';
import { HealthRegistry } from '../health/health.registry';

export interface ServeOptions {
  port: number;
  /** The interface to bind: loopback where nothing else should reach the service, `0.0.0.0` in a container. */
  host: string;
  /** After a SIGTERM/SIGINT, the time allowed for draining before the process gives up (exit code 1). */
  shutdownTimeoutMs?: number;
  /**
   * After the signal, how long the listener stays open while readiness answers 503 (default 1000 ms):
   * connections a client or balancer opened just before it are still accepted and served, instead of
   * being reset with the accept queue (or closed as "idle" before their request was read).
   */
  drainDelayMs?: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Listens, then on SIGTERM/SIGINT shuts down in the order that loses nothing: readiness turns 503 while the
 * listener stays open for `drainDelayMs`, then the HTTP server stops accepting and finishes the requests in
 * flight, and only then are the modules stopped, in Nest's three hook phases: `onModuleDestroy` stops the
 * intake (consumers finish the message in hand and commit), `beforeApplicationShutdown` lets the outboxes
 * publish what is left, `onApplicationShutdown` closes the clients (producer, broker connections, database,
 * Redis). Nest's own shutdown hooks destroy the modules before closing the server, which would fail the
 * requests still running. Exits 0 when done, 1 past the deadline.
 */
export async function serveApp(app: NestFastifyApplication, options: ServeOptions): Promise<void> {
  const logger = new Logger('Shutdown');
  await app.listen(options.port, options.host);
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    const deadlineMs = options.shutdownTimeoutMs ?? 8_000;
    logger.log({ message: 'shutting down', signal, deadlineMs });
    let phase = 'announcing not ready';
    setTimeout(() => {
      logger.error({ message: 'shutdown did not finish in time; exiting', deadlineMs, phase });
      process.exit(1);
    }, deadlineMs).unref();
    const began = Date.now();
    notReadyFromNowOn(app);
    delay(options.drainDelayMs ?? 1_000)
      .then(() => {
        phase = 'draining http';
        return app.getHttpAdapter().getInstance().close();
      })
      .then(() => {
        logger.log({ message: 'http server closed; stopping modules', durationMs: Date.now() - began });
        phase = 'stopping modules';
        return app.close();
      })
      .then(
        () => {
          logger.log({ message: 'shut down', durationMs: Date.now() - began });
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ message: 'shutdown failed', err: error });
          process.exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.once(signal, shutdown);
}

/** Readiness fails from now on, so a balancer stops sending new work while the listener is still open. */
function notReadyFromNowOn(app: NestFastifyApplication): void {
  let registry: HealthRegistry;
  try {
    registry = app.get(HealthRegistry, { strict: false });
  } catch {
    return; // an app without HealthModule has no readiness to fail
  }
  registry.register('shutdown', () => Promise.reject(new Error('shutting down')));
}
