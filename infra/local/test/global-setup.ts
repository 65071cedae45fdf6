import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { setupTestKeycloak } from '@prodvor/testing';

/** The run's Keycloak (started once, shared with other projects), for the stack and Keycloak tests. */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupTestKeycloak(project);
}
