import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { setupTestKeycloak } from './keycloak/test-keycloak-setup';

/** Generates a service's Prisma client (src/generated is git-ignored) before any test file imports it. */
export function generatePrismaClient(project: TestProject): void {
  const serviceDir = project.config.root;
  execFileSync('node', [join(serviceDir, '../../infra/scripts/prisma.mjs'), 'generate'], {
    cwd: serviceDir,
    stdio: 'pipe',
  });
}

/** A service's vitest globalSetup: `export { serviceGlobalSetup as default } from '@prodvor/testing';` */
export function serviceGlobalSetup(project: TestProject): void {
  generatePrismaClient(project);
}

/** The same, for a service whose tests also need the run's Keycloak (started or joined). */
export function serviceGlobalSetupWithKeycloak(project: TestProject): Promise<() => Promise<void>> {
  generatePrismaClient(project);
  return setupTestKeycloak(project);
}
