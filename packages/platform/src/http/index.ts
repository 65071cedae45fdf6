export * from './create-service-app';
export * from './openapi';
export * from './pagination';
export * from './rate-limit';
export * from './redis-throttler.storage';
export * from './service-core.module';
export * from './actor';
export * from './input-hygiene';
