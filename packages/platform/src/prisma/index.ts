export * from './migration-runner';
export * from './prisma-client';
export * from './prisma.module';
