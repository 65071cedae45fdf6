export * from './cache-keys';
export * from './cache.module';
export * from './cache.service';
