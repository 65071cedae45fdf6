// Generates the service's Prisma client before any test file imports it (see packages/testing).
export { serviceGlobalSetup as default } from '@prodvor/testing';
