import { dropRunDatabases } from './databases';
import { dropRunVhosts } from './rabbitmq';
import { newTestRunId } from './run';
import { ensureServers } from './servers';

/**
 * Runs once per vitest run, before any worker starts: checks (and starts) the real servers and
 * names the run. Workers inherit PRODVOR_TEST_RUN_ID; per-file resources carry it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await ensureServers();
  const runId = newTestRunId();
  process.env.PRODVOR_TEST_RUN_ID = runId;
  return async () => {
    await Promise.allSettled([dropRunDatabases(runId), dropRunVhosts(runId)]);
  };
}
