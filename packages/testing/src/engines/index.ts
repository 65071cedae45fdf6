export * from './engines-home';
export * from './kafka-broker';
export * from './keycloak-admin';
export * from './keycloak-server';
