export * from './correlation-id';
export * from './logging.module';
export * from './redaction';
export * from './log-context';
