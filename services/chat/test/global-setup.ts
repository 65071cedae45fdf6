import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Generates the Prisma client (src/generated is git-ignored) before any test file imports it. */
export default function setup(): void {
  execFileSync('node', [join(__dirname, '../../../infra/scripts/prisma.mjs'), 'generate'], {
    cwd: join(__dirname, '..'),
    stdio: 'pipe',
  });
}
