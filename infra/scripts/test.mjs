#!/usr/bin/env node
// The README's test command: every test of every workspace in one vitest run against the real
// servers (the global setup checks and starts them), then one closing line with the counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'prodvor-test-'));
const report = join(dir, 'report.json');
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
);
let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('vitest wrote no report');
  process.exit(result.status || 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
if (summary.numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
process.exit(result.status ?? 1);
