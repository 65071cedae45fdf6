export * from './engines-home';
export * from './kafka-broker';
