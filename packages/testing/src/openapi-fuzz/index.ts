export * from './cases';
export * from './check';
export * from './document';
export * from './random';
export * from './run';
export * from './values';
