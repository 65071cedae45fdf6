export {};
export * from './edge';
