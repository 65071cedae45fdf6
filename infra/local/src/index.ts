export {};
export * from './edge';
export * from './identity';
