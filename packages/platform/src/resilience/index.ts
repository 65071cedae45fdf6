export * from './call-policy';
