import { PrismaPg } from '@prisma/adapter-pg';

/** What the platform needs from any service's generated client (each service has its own class). */
export interface PrismaClientLike {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export type PrismaClientClass<T extends PrismaClientLike> = new (options: { adapter: PrismaPg }) => T;

export interface PrismaClientOptions {
  databaseUrl: string;
  /** Connections in this process's pg pool (default 10). */
  poolMax?: number;
}

/**
 * A generated client (`engineType = "client"`) over the pg driver adapter: no native query engine,
 * so it runs where Prisma's engine downloads are unreachable.
 */
export function createPrismaClient<T extends PrismaClientLike>(
  ClientClass: PrismaClientClass<T>,
  { databaseUrl, poolMax = 10 }: PrismaClientOptions,
): T {
  return new ClientClass({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolMax }) });
}
