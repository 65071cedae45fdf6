export * from './test-keycloak';
export * from './test-keycloak-setup';
