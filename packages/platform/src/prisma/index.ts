export * from './migration-runner';
export * from './prisma-client';
export * from './prisma.module';
export * from './database.module';
export * from './transaction-runner';
export * from './prisma-errors';
