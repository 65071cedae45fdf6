export * from './kafka-consumer';
export * from './kafka-producer';
export * from './kafka.module';
export * from './kafka-names';
export * from './user-deleted.module';
