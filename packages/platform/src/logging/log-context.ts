import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

/**
 * Runs a message handler so that every log line written inside it (through Nest's Logger or an injected
 * PinoLogger) carries the message's `correlationId`, as lines written while serving a request do. One id
 * then follows a sign-up from the HTTP request through Kafka and RabbitMQ consumers in other services.
 */
export function withCorrelationId<T>(correlationId: string | undefined, run: () => Promise<T>): Promise<T> {
  // Unset when no LoggingModule was created (some unit tests): then there is nothing to bind.
  const root = PinoLogger.root as PinoLogger['logger'] | undefined;
  if (!correlationId || !root) return run();
  return storage.run(new Store(root.child({ correlationId: correlationId.slice(0, 200) })), run);
}
