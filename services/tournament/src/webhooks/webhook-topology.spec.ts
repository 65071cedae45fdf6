import { loadConfig } from '@prodvor/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tournamentConfigSchema } from '../config/tournament.config';
import { webhookTopology } from './webhook-topology';

const definitions = JSON.parse(
  readFileSync(join(__dirname, '../../../../infra/rabbitmq/definitions.json'), 'utf8'),
) as {
  queues: { name: string; arguments: Record<string, unknown> }[];
  bindings: { source: string; destination: string; routing_key: string }[];
};

describe('webhook delivery queues', () => {
  const defaults = loadConfig(tournamentConfigSchema, {
    SERVICE_NAME: 'tournament',
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
    KAFKA_BROKERS: '127.0.0.1:9092',
    RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
  });
  const topology = webhookTopology({
    maxAttempts: defaults.WEBHOOK_MAX_ATTEMPTS,
    retryBaseDelayMs: defaults.WEBHOOK_RETRY_BASE_DELAY_MS,
    retryMaxDelayMs: defaults.WEBHOOK_RETRY_MAX_DELAY_MS,
    throttleDelayMs: defaults.WEBHOOK_THROTTLE_DELAY_MS,
  });

  it('wait doubling per attempt, capped, each dead-lettering back to the work queue', () => {
    const small = webhookTopology({ maxAttempts: 6, retryBaseDelayMs: 100, retryMaxDelayMs: 500, throttleDelayMs: 50 });
    expect(small.waits.map((q) => q.arguments['x-message-ttl'])).toEqual([100, 200, 400, 500, 50]);
    for (const q of small.waits) expect(q.arguments['x-dead-letter-routing-key']).toBe(small.work.name);
    expect(small.work.arguments['x-dead-letter-routing-key']).toBe(small.dlq.name);
  });

  it('are provisioned by infra/rabbitmq/definitions.json with the arguments the service declares by default', () => {
    for (const queue of [topology.work, topology.dlq, ...topology.waits])
      expect(definitions.queues.find((q) => q.name === queue.name)?.arguments, queue.name).toEqual(queue.arguments);
    expect(definitions.bindings).toContainEqual(
      expect.objectContaining({
        source: topology.exchange,
        destination: topology.work.name,
        routing_key: topology.routingKey,
      }),
    );
  });
});
