import { defineProject } from 'vitest/config';
import { projectPreset } from '../../vitest.shared.mts';

const preset = projectPreset(import.meta.dirname);

export default defineProject({
  ...preset,
  test: { ...preset.test, globalSetup: ['test/global-setup.ts'] },
});
