/** What the runner needs from a service's generated client: interactive transactions. */
export interface TransactionalClient<Tx> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}

export interface TransactionRunnerOptions {
  /** How long a transaction may wait for a connection (default 5 s). */
  maxWaitMs?: number;
  /** How long a transaction may run before it is rolled back (default 15 s). */
  timeoutMs?: number;
}

/**
 * Runs work in one READ COMMITTED transaction of a service's database; repositories and the outbox take
 * the transaction handle `Tx` so one change commits as a whole. Rules that need a stable view lock the
 * row they depend on first. A service types it with its own client:
 * `export class TransactionRunner extends PrismaTransactionRunner<Prisma.TransactionClient> {}`.
 */
export class PrismaTransactionRunner<Tx> {
  constructor(
    private readonly client: TransactionalClient<Tx>,
    private readonly options: TransactionRunnerOptions = {},
  ) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.client.$transaction(work, {
      maxWait: this.options.maxWaitMs ?? 5_000,
      timeout: this.options.timeoutMs ?? 15_000,
    });
  }
}
