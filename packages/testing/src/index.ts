export * from './databases';
export * from './kafka-mock';
export * from './kafka-probe';
export * from './rabbitmq';
export * from './run';
export * from './s3';
export * from './servers';
export * from './identity';
