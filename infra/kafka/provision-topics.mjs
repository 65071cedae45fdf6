#!/usr/bin/env node
// Provisions ProDvor's topics and their `.dlq` siblings from topics.json; services never create topics
// and the brokers refuse to auto-create them, so a missing topic fails loudly. Idempotent. Used by
// docker-compose's kafka-init, `npm run dev` and the test harness (per test file, under a prefix).
//   KAFKA_BOOTSTRAP        brokers, comma separated (default kafka:9092)
//   KAFKA_PREFIX           put before every topic name (default none)
//   KAFKA_MAX_PARTITIONS   cap on partitions per topic (tests keep the broker small)
//   REPLICATION_FACTOR, MIN_INSYNC_REPLICAS   default 1 (a single broker)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const spec = JSON.parse(readFileSync(new URL('./topics.json', import.meta.url), 'utf8'));

/** Every topic to provision: name, partitions and retention, DLQs included. */
export function topicPlan({ prefix = '', maxPartitions = Infinity } = {}) {
  return spec.topics.flatMap((topic) => [
    {
      name: `${prefix}${topic.name}`,
      partitions: Math.min(topic.partitions, maxPartitions),
      retentionMs: topic.retentionMs,
    },
    {
      name: `${prefix}${topic.name}.dlq`,
      partitions: Math.min(spec.deadLetter.partitions, maxPartitions),
      retentionMs: spec.deadLetter.retentionMs,
    },
  ]);
}

/**
 * Until every partition of the topics has a leader. A KRaft broker may answer "unknown topic" for a
 * moment after creating one, which kafkajs's own wait does not retry.
 */
export async function waitForLeaders(admin, topics, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (topics.length > 0) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0)))
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without leaders: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function provisionTopics({
  brokers,
  prefix = '',
  maxPartitions = Infinity,
  replicationFactor = 1,
  minInsyncReplicas = 1,
  log = () => {},
}) {
  const kafka = new Kafka({ clientId: 'prodvor-topics', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const plan = topicPlan({ prefix, maxPartitions });
    const missing = plan.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(topic.retentionMs) },
            { name: 'min.insync.replicas', value: String(minInsyncReplicas) },
          ],
        })),
      });
    }
    await waitForLeaders(
      admin,
      missing.map((topic) => topic.name),
    );
    for (const topic of plan) log(`${existing.has(topic.name) ? 'exists ' : 'created'} ${topic.name}`);
    return plan.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  provisionTopics({
    brokers: (env.KAFKA_BOOTSTRAP ?? 'kafka:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    prefix: env.KAFKA_PREFIX ?? '',
    maxPartitions: env.KAFKA_MAX_PARTITIONS ? Number(env.KAFKA_MAX_PARTITIONS) : Infinity,
    replicationFactor: Number(env.REPLICATION_FACTOR ?? 1),
    minInsyncReplicas: Number(env.MIN_INSYNC_REPLICAS ?? 1),
    log: (line) => console.log(line),
  }).catch((error) => {
    console.error(`topic provisioning failed: ${error.message}`);
    process.exit(1);
  });
}
