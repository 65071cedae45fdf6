import { PrismaTransactionRunner, type TransactionalClient } from './transaction-runner';

const deadlock = () =>
  Object.assign(new Error('deadlock detected'), {
    code: 'P2010',
    meta: { driverAdapterError: { cause: { code: '40P01' } } },
  });

/** A client whose transactions fail with the given errors, in order, then succeed. */
function clientFailing(errors: Error[]): TransactionalClient<string> & { attempts: number } {
  const client = {
    attempts: 0,
    async $transaction<T>(work: (tx: string) => Promise<T>): Promise<T> {
      const error = errors[client.attempts];
      client.attempts += 1;
      if (error) throw error;
      return work('tx');
    },
  };
  return client;
}

describe('PrismaTransactionRunner', () => {
  it('runs the work again after a deadlock, from the start', async () => {
    const client = clientFailing([deadlock()]);
    await expect(new PrismaTransactionRunner(client).run(async (tx) => `done in ${tx}`)).resolves.toBe('done in tx');
    expect(client.attempts).toBe(2);
  });

  it('gives up after the bounded retries and passes the last failure on', async () => {
    const client = clientFailing([deadlock(), deadlock(), deadlock()]);
    await expect(new PrismaTransactionRunner(client, { conflictRetries: 2 }).run(async () => 'never')).rejects.toThrow(
      'deadlock detected',
    );
    expect(client.attempts).toBe(3);
  });

  it('never runs again after any other failure', async () => {
    const client = clientFailing([Object.assign(new Error('unique'), { code: 'P2002' })]);
    await expect(new PrismaTransactionRunner(client).run(async () => 'never')).rejects.toThrow('unique');
    expect(client.attempts).toBe(1);
  });
});
