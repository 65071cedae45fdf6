export * from './dev-identity';
export * from './passwords';
export * from './realm';
