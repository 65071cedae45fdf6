import { dropRunDatabases } from './databases';
import { startKafkaBroker } from './engines/kafka-broker';
import { dropRunVhosts } from './rabbitmq';
import { newTestRunId } from './run';
import { ensureServers } from './servers';
import { RUN_KAFKA_ENV } from './test-kafka';

/**
 * Runs once per vitest run, before any worker starts: checks (and starts) the real servers, starts the
 * run's Kafka broker (unless PRODVOR_TEST_KAFKA_BROKERS names one already running) and names the run.
 * Workers inherit the environment; per-file resources carry the run id.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Service code the tests run (in process or as child processes, which inherit the environment) logs
  // nothing unless VERBOSE=1 or LOG_LEVEL says otherwise: a passing run prints only vitest's lines.
  process.env.LOG_LEVEL ??= process.env.VERBOSE ? 'info' : 'silent';
  const [, broker] = await Promise.all([
    ensureServers(),
    process.env[RUN_KAFKA_ENV] ? Promise.resolve(undefined) : startKafkaBroker(),
  ]);
  if (broker) {
    process.env[RUN_KAFKA_ENV] = broker.brokers.join(',');
    if (process.env.VERBOSE) console.log(`kafka broker ready in ${broker.startupMs} ms on ${broker.brokers.join(',')}`);
  }
  const runId = newTestRunId();
  process.env.PRODVOR_TEST_RUN_ID = runId;
  return async () => {
    await Promise.allSettled([dropRunDatabases(runId), dropRunVhosts(runId), broker?.stop()]);
  };
}
