import type { PoolClient } from 'pg';

/**
 * What the outbox and inbox need from a transaction: a Prisma interactive-transaction client
 * satisfies it, and so does `pgExecutor(client)` over a `pg` client.
 */
export interface SqlExecutor {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}

export function pgExecutor(client: Pick<PoolClient, 'query'>): SqlExecutor {
  return {
    $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as T,
  };
}
