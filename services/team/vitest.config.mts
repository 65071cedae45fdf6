import { defineProject } from 'vitest/config';
import { projectPreset } from '../../vitest.shared.mts';

export default defineProject(projectPreset(import.meta.dirname));
