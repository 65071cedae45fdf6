import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'infra/local'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    pool: 'forks',
    reporters: ['default'],
  },
});
