import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { setupTestKeycloak } from '@prodvor/testing';

/**
 * Generates the Prisma client (src/generated is git-ignored) before any test file imports it, and
 * starts (or joins) the run's Keycloak.
 */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync('node', [join(__dirname, '../../../infra/scripts/prisma.mjs'), 'generate'], {
    cwd: join(__dirname, '..'),
    stdio: 'pipe',
  });
  return setupTestKeycloak(project);
}
