export * from './clock';
export * from './support.module';
