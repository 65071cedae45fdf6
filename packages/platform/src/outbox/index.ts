export * from './drain-loop';
export * from './event-publisher';
export * from './job-outbox';
export * from './outbox';
export * from './outbox-relay';
export * from './outbox.module';
export * from './outbox.sql';
export * from './sql-executor';
