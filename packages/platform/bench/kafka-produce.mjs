#!/usr/bin/env node
// `npm run bench:kafka`: Kafka produce through the platform glue against raw kafkajs `sendBatch`, on the same
// real broker (its own, started from the Maven jars by @prodvor/testing), in the same run.
// The glue is `KafkaProducer.publishBatch` as `KafkaService` builds it: every Kafka message a service sends
// goes through it — the outbox relay's batches of domain events and chat's messages alike (topic prefix,
// message mapping, lazy connect, one request in flight, the published-messages counter).
// Both sides send the same BENCH_MESSAGES messages of BENCH_MESSAGE_BYTES (envelope-like JSON, keyed by
// one of 100 aggregate ids) in sequential batches of BENCH_BATCH (the relay's default), acks -1, no
// compression, the same partitioner; rounds alternate raw / glue and the best round of each is compared.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
const { Kafka, Partitioners, CompressionTypes, logLevel } = require('kafkajs');
const { KafkaService, MetricsService } = require('../dist');
const { Topics } = require('@prodvor/contracts');
const testing = require('@prodvor/testing/dist/bench');

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const MESSAGE_BYTES = Number(process.env.BENCH_MESSAGE_BYTES ?? 1024);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TOPIC = Topics.tournamentEvents;

/** Envelope-like JSON values of MESSAGE_BYTES, each keyed by one of 100 aggregates. */
function messages() {
  const subjects = Array.from({ length: 100 }, () => randomUUID());
  return Array.from({ length: MESSAGES }, (_, i) => {
    const head = JSON.stringify({ id: randomUUID(), type: 'tournament.bench', subject: subjects[i % 100], data: '' });
    const value = head.replace('"data":""', `"data":"${'x'.repeat(Math.max(0, MESSAGE_BYTES - head.length))}"`);
    return { key: subjects[i % 100], value, headers: { 'event-type': 'tournament.bench' } };
  });
}

async function timed(send, all) {
  const started = performance.now();
  for (let i = 0; i < all.length; i += BATCH) await send(all.slice(i, i + BATCH));
  return all.length / ((performance.now() - started) / 1000);
}

async function main() {
  const kafka = await testing.startPrivateKafka({ jvmOptions: ['-Xms512m', '-Xmx1g'] });
  const brokers = kafka.env.KAFKA_BROKERS.split(',');
  const glue = new KafkaService(
    { clientId: 'bench-glue', brokers, prefix: kafka.env.KAFKA_PREFIX },
    new MetricsService(),
  );
  // The same client settings KafkaService uses, and the producer settings a plain kafkajs user would pick.
  const raw = new Kafka({
    clientId: 'bench-raw',
    brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200 },
  }).producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const topic = kafka.topic(TOPIC);
  try {
    await raw.connect();
    await glue.producer.connect();
    const all = messages();
    const sendRaw = (batch) =>
      raw.sendBatch({ topicMessages: [{ topic, messages: batch }], acks: -1, compression: CompressionTypes.None });
    const sendGlue = (batch) => glue.producer.publish(TOPIC, batch);
    // Warm-up: connections, metadata, the JIT and the broker's log segments.
    await timed(sendRaw, all.slice(0, 5 * BATCH));
    await timed(sendGlue, all.slice(0, 5 * BATCH));
    const rates = { raw: [], glue: [] };
    for (let round = 0; round < ROUNDS; round++) {
      rates.raw.push(await timed(sendRaw, all));
      rates.glue.push(await timed(sendGlue, all));
    }
    const show = (values) => values.map((v) => v.toFixed(0)).join(', ');
    console.log(
      `\n== Kafka produce: ${MESSAGES} messages of ${MESSAGE_BYTES} B in batches of ${BATCH}, acks -1 ` +
        `(load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}) ==`,
    );
    console.log(`raw kafkajs sendBatch:              ${show(rates.raw)} msgs/s`);
    console.log(`platform KafkaProducer.publishBatch: ${show(rates.glue)} msgs/s`);
    const best = { raw: Math.max(...rates.raw), glue: Math.max(...rates.glue) };
    testing.goalLine({
      service: 'platform',
      figure: `Kafka produce through KafkaProducer, ${MESSAGE_BYTES} B × ${BATCH}/batch, acks -1 (best of ${ROUNDS})`,
      value: `${best.glue.toFixed(0)} msgs/s`,
      goal: '≥ 0.8 × raw kafkajs sendBatch',
      baseline: `raw kafkajs sendBatch ${best.raw.toFixed(0)} msgs/s`,
      ratio: best.glue / best.raw,
      met: best.glue / best.raw >= 0.8,
    });
  } finally {
    await raw.disconnect().catch(() => undefined);
    await glue.producer.disconnect().catch(() => undefined);
    await kafka.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
