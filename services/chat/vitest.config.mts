import { defineProject } from 'vitest/config';
import { projectPreset } from '../../vitest.shared.mts';

const preset = projectPreset(import.meta.dirname);

export default defineProject({
  ...preset,
  // The Prisma client is generated (git-ignored), so each run makes it first.
  test: { ...preset.test, globalSetup: ['test/global-setup.ts'] },
});
