import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from './names';
import { messageDefinitions } from './registry';

/**
 * The registry (and the AsyncAPI document generated from it) says which service produces and consumes
 * each Kafka event. This reads the services' sources (text only: packages never import a service) and
 * checks the registry against what the code really subscribes to and publishes.
 */
const servicesDir = join(__dirname, '..', '..', '..', 'services');
const services = readdirSync(servicesDir).filter((name) => statSync(join(servicesDir, name, 'src')).isDirectory());

/** The text of every source file below `dir` (specs and generated code left out). */
function sourcesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourcesOf(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

const topicByName = Topics as Record<string, string>;
const kafkaDefinitions = messageDefinitions.flatMap((d) =>
  d.channel.kind === 'kafka' ? [{ ...d, topic: d.channel.topic }] : [],
);
const kafkaTypes = new Set<string>(kafkaDefinitions.map((d) => d.type));

/**
 * Topics named in `createConsumer({ ... topics: [Topics.x] })` or `createInboxConsumer(...)`, plus `user.events.v1`
 * for the platform's `UserDeletedModule` and `UserProfilesModule`.
 */
function subscribedTopics(source: string): string[] {
  const topics = new Set<string>();
  for (const [, list] of source.matchAll(/create(?:Inbox)?Consumer\(\{[\s\S]*?topics:\s*\[([^\]]*)\]/g))
    for (const [, name] of list.matchAll(/Topics\.(\w+)/g)) topics.add(topicByName[name]);
  if (/User(Deleted|Profiles)Module\.forService\(/.test(source)) topics.add(Topics.userEvents);
  return [...topics].sort();
}

/**
 * Kafka event types a publishing file (one that calls `.publish(tx, …)` or `createEnvelope(…)`) names:
 * `publish(tx, 'team.created', …)`, or a type chosen before the call (`decision === 'approved' ? …`).
 */
function publishedTypes(files: string[]): string[] {
  const types = new Set<string>();
  for (const file of files.filter((text) => /\.publish\(\s*\w+,|createEnvelope\(/.test(text)))
    for (const [, literal] of file.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g))
      if (kafkaTypes.has(literal)) types.add(literal);
  return [...types].sort();
}

describe.each(services)('the registry and the code of %s-service', (service) => {
  const files = sourcesOf(join(servicesDir, service, 'src'));

  it('agree on the Kafka topics it consumes', () => {
    const registered = new Set(kafkaDefinitions.filter((d) => d.consumers.includes(service)).map((d) => d.topic));
    expect(subscribedTopics(files.join('\n'))).toEqual([...registered].sort());
  });

  it('agree on the Kafka events it produces', () => {
    const registered = kafkaDefinitions.filter((d) => d.producers.includes(service)).map((d) => d.type);
    expect(publishedTypes(files)).toEqual(registered.sort());
  });
});
