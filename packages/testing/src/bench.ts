// What benchmark scripts (plain Node, `require('@prodvor/testing/dist/bench')`) may use: the package
// index also loads the vitest-only helpers (the run's Keycloak through vitest's `inject`), and vitest
// refuses to be required outside a test run.
export * from './databases';
export * from './engines';
export * from './test-kafka';
export * from './rabbitmq';
export * from './run';
export * from './s3';
export * from './servers';
export * from './identity';
export * from './test-tokens';
export * from './private-servers';
export * from './steady-load';
export * from './bench-goals';
export * from './service-process';
