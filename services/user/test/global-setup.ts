// Generates the service's Prisma client and starts (or joins) the run's Keycloak (see packages/testing).
export { serviceGlobalSetupWithKeycloak as default } from '@prodvor/testing';
