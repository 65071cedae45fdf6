#!/usr/bin/env node
// npm's `prepare` (run by every local `npm install`): installs the git hooks in .husky/ for developers.
// It does nothing in CI (CI=true), with HUSKY=0, outside a git checkout (an exported tree, a container
// build with no .git) or when husky is not installed (an install without dev dependencies), and it never
// fails the install.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
if (process.env.CI || process.env.HUSKY === '0' || !existsSync(join(root, '.git'))) process.exit(0);
try {
  const { default: husky } = await import('husky');
  process.chdir(root);
  const problem = husky();
  if (problem) console.warn(`git hooks not installed: ${problem}`);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') console.warn(`git hooks not installed: ${error?.message ?? error}`);
}
