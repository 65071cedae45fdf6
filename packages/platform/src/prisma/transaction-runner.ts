import { isTransientConflict } from './prisma-errors';

/** What the runner needs from a service's generated client: interactive transactions. */
export interface TransactionalClient<Tx> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}

export interface TransactionRunnerOptions {
  /** How long a transaction may wait for a connection (default 5 s). */
  maxWaitMs?: number;
  /** How long a transaction may run before it is rolled back (default 15 s). */
  timeoutMs?: number;
  /** Runs again after PostgreSQL aborted the transaction as a deadlock victim or a serialization failure (default 2). */
  conflictRetries?: number;
}

/**
 * Runs work in one READ COMMITTED transaction of a service's database; repositories and the outbox take
 * the transaction handle `Tx` so one change commits as a whole. Rules that need a stable view lock the
 * row they depend on first. Locks taken in different orders by two transactions (one match's teams, then
 * another's) can deadlock; PostgreSQL then aborts one, and the runner runs that work again from the start
 * (a rolled-back transaction left nothing behind), up to `conflictRetries` times after a short random
 * pause. Work must therefore keep its side effects inside the transaction (the outbox does).
 * A service types it with its own client:
 * `export class TransactionRunner extends PrismaTransactionRunner<Prisma.TransactionClient> {}`.
 */
export class PrismaTransactionRunner<Tx> {
  constructor(
    private readonly client: TransactionalClient<Tx>,
    private readonly options: TransactionRunnerOptions = {},
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const retries = this.options.conflictRetries ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.client.$transaction(work, {
          maxWait: this.options.maxWaitMs ?? 5_000,
          timeout: this.options.timeoutMs ?? 15_000,
        });
      } catch (error) {
        if (attempt >= retries || !isTransientConflict(error)) throw error;
        // Apart, so the two transactions that collided do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * (attempt + 1)));
      }
    }
  }
}
