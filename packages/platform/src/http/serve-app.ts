import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface ServeOptions {
  port: number;
  /** The interface to bind: loopback where nothing else should reach the service, `0.0.0.0` in a container. */
  host: string;
  /** After a SIGTERM/SIGINT, the time allowed for draining before the process gives up (exit code 1). */
  shutdownTimeoutMs?: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Listens, then on SIGTERM/SIGINT shuts down in the order that loses nothing: the HTTP server stops accepting
 * and finishes the requests in flight first, and only then are the modules destroyed (consumers stop and
 * commit, producers flush, connections close). Nest's own shutdown hooks destroy the modules before closing
 * the server, which would fail the requests still running. Exits 0 when done, 1 past the deadline.
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
    let phase = 'draining http';
    setTimeout(() => {
      logger.error({ message: 'shutdown did not finish in time; exiting', deadlineMs, phase });
      process.exit(1);
    }, deadlineMs).unref();
    const began = Date.now();
    app
      .getHttpAdapter()
      .getInstance()
      .close()
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
