import { randomBytes } from 'node:crypto';

/** Identifies one test run; every throw-away resource carries it so teardown can remove it all. */
export function testRunId(): string {
  const id = process.env.PRODVOR_TEST_RUN_ID;
  if (!id) throw new Error('PRODVOR_TEST_RUN_ID is not set: run tests through vitest (the global setup sets it)');
  return id;
}

export function newTestRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A short unique name for a per-test resource (database, vhost, bucket, topic, key prefix). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${testRunId()}_${randomBytes(4).toString('hex')}`.toLowerCase();
}
