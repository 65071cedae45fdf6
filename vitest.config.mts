import { defineConfig } from 'vitest/config';

// Passing tests print nothing but vitest's own lines: what a test writes to the console (its own logs,
// Nest's default logger, see vitest.setup.mts) is shown only under a failing test. VERBOSE=1 shows it
// all, and raises the services' LOG_LEVEL from `silent` to `info` (packages/testing/src/global-setup.ts).
const verbose = Boolean(process.env.VERBOSE);

export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'infra/local'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    pool: 'forks',
    reporters: ['default'],
    silent: verbose ? false : 'passed-only',
  },
});
