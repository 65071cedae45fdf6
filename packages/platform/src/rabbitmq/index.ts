export * from './rabbit-jobs';
export * from './rabbitmq.module';
export * from './topology';
