#!/usr/bin/env node
// `npm run bench:storage`: the built storage-service as its own process (node dist/main.js) against real
// PostgreSQL, Redis, RabbitMQ, a real Kafka broker (its own, started from the Maven jars) and s3rver. Prints the figures issue #8 asks for:
//  1. peak RSS growth of the service while a 500 MB file streams through POST /api/v1/uploads/stream,
//     and its throughput next to a direct lib-storage upload of the same file (same part size and queue);
//  2. presign requests/s and latency percentiles (POST /api/v1/uploads);
//  3. variants/s of avatar processing (presigned uploads completed at once, the media.process worker).
// Sizes and counts can be changed with BENCH_STREAM_MB, BENCH_PRESIGN_REQUESTS, BENCH_PRESIGN_CONCURRENCY,
// BENCH_STREAM_ROUNDS, BENCH_AVATARS.
import { Upload } from '@aws-sdk/lib-storage';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= '1';
// The modules it needs, not the package index: that one also loads the vitest-only helpers, which refuse require().
const testing = Object.assign(
  {},
  ...['databases', 'test-kafka', 'rabbitmq', 's3', 'servers', 'identity', 'run'].map((m) =>
    require(`@prodvor/testing/dist/${m}`),
  ),
);
const platform = require('@prodvor/platform');
const sharp = require('sharp');

const MiB = 1024 * 1024;
const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 500);
const PRESIGN_REQUESTS = Number(process.env.BENCH_PRESIGN_REQUESTS ?? 2000);
const PRESIGN_CONCURRENCY = Number(process.env.BENCH_PRESIGN_CONCURRENCY ?? 16);
const AVATARS = Number(process.env.BENCH_AVATARS ?? 40);
const ROUNDS = Number(process.env.BENCH_STREAM_ROUNDS ?? 3);
const BUCKET = 'prodvor-media-bench';
const BOUNDARY = 'prodvor-bench-boundary';
const serviceDir = new URL('..', import.meta.url).pathname;

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const mb = (bytes) => (bytes / MiB).toFixed(1);
const user = () => testing.gatewayHeaders({ sub: randomUUID(), realm_access: { roles: ['player'] } });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size (VmRSS) and its high-water mark (VmHWM) of a process, in bytes. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0, needs write access to clear_refs). */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function startService(env) {
  const port = await freePort();
  // BENCH_SERVICE_NODE_ARGS: extra node flags for the service (e.g. `--cpu-prof` to profile it).
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/main.js'], {
    cwd: serviceDir,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Its start-up lines are noise here; they are shown only if it dies.
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  child.once('exit', (code) => code && console.error(`storage-service exited with ${code}:\n${stderr}`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`storage-service exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { child, url };
    await sleep(100);
  }
  throw new Error('storage-service did not become ready');
}

async function call(url, method, path, headers, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A file of `megabytes` that sniffs as MP4 (ftyp box) with varied bytes after it. */
function writeVideo(dir, megabytes) {
  const path = join(dir, 'video.mp4');
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + (i >> 9)) & 0xff;
  const header = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
  const first = Buffer.from(block);
  header.copy(first);
  Buffer.from('isomiso2mp41').copy(first, 16);
  writeFileSync(path, first);
  for (let i = 1; i < megabytes; i++) writeFileSync(path, block, { flag: 'a' });
  return { path, size: megabytes * MiB };
}

/** POSTs the file as one multipart/form-data part over a real socket, streamed from disk. */
function streamUpload(url, headers, file) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const target = new URL('/api/v1/uploads/stream?purpose=match_video', url);
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(head.length + file.size + tail.length),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (res.statusCode !== 201) reject(new Error(`stream upload: ${res.statusCode} ${body}`));
        else resolve(JSON.parse(body));
      });
    });
    req.write(head);
    const source = createReadStream(file.path, { highWaterMark: 256 * 1024 });
    source.on('error', reject);
    source.on('end', () => req.end(tail));
    source.pipe(req, { end: false });
  });
}

async function streamingFigures(service, s3, dir) {
  const file = writeVideo(dir, STREAM_MB);
  const warmup = writeVideo(mkdtempSync(join(dir, 'w')), 20);
  const client = testing.s3Client(s3);
  const direct = async () => {
    const started = performance.now();
    await new Upload({
      client,
      params: {
        Bucket: BUCKET,
        Key: `bench/direct-${randomUUID()}`,
        Body: createReadStream(file.path),
        ContentType: 'video/mp4',
      },
      partSize: 5 * MiB,
      queueSize: 4,
    }).done();
    return performance.now() - started;
  };

  /** One upload through the service, with the service's RSS before and at its peak. */
  const throughService = async () => {
    await sleep(500);
    const peakResettable = resetPeak(service.child.pid);
    const before = memoryOf(service.child.pid);
    let sampledPeak = before.rss;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(service.child.pid).rss);
    }, 20);
    const started = performance.now();
    const media = await streamUpload(service.url, user(), file).finally(() => clearInterval(sampler));
    const ms = performance.now() - started;
    if (media.size !== file.size) throw new Error(`stored ${media.size} bytes, sent ${file.size}`);
    const peak = Math.max(sampledPeak, peakResettable ? memoryOf(service.child.pid).hwm : 0);
    return { ms, before: before.rss, peak, growth: peak - before.rss, peakResettable };
  };

  console.log(`\n== streaming upload: ${STREAM_MB} MB video (5 MB parts, 4 in flight), ${ROUNDS} rounds ==`);
  // Loads the code paths once (busboy, lib-storage, the S3 client's connections) before measuring.
  await streamUpload(service.url, user(), warmup);
  const served = [];
  const directs = [];
  for (let round = 0; round < ROUNDS; round++) {
    directs.push(await direct());
    served.push(await throughService());
  }
  const worst = served.reduce((a, b) => (b.growth > a.growth ? b : a));
  const medianGrowth = percentile(
    served.map((r) => r.growth),
    50,
  );
  const rate = (ms) => file.size / MiB / (ms / 1000);
  const serverRate = Math.max(...served.map((r) => rate(r.ms)));
  const directRate = Math.max(...directs.map(rate));
  console.log(
    `service RSS: ${mb(worst.before)} MB before, peak ${mb(worst.peak)} MB ` +
      `(${worst.peakResettable ? 'VmHWM reset before each upload' : 'sampled every 20 ms'}) → ` +
      `peak growth ${mb(worst.growth)} MB, worst of ${ROUNDS} (target ≤ 64 MB: ${worst.growth <= 64 * MiB ? 'met' : 'NOT met'})`,
  );
  console.log(
    `peak growth per round: ${served.map((r) => mb(r.growth)).join(' MB, ')} MB (median ${mb(medianGrowth)} MB); ` +
      `lib-storage itself holds up to 5 × 5 MiB (4 parts in flight + 1 filling)`,
  );
  console.log(
    `through the service (HTTP → busboy → lib-storage → s3rver): best ${serverRate.toFixed(1)} MB/s ` +
      `(${served.map((r) => (r.ms / 1000).toFixed(1)).join(' s, ')} s)`,
  );
  console.log(
    `direct SDK upload (lib-storage → s3rver), same file:     best ${directRate.toFixed(1)} MB/s ` +
      `(${directs.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s)`,
  );
  console.log(`service throughput relative to direct: ${((serverRate / directRate) * 100).toFixed(0)} %`);
}

async function presignFigures(service) {
  const users = Array.from({ length: Math.ceil(PRESIGN_REQUESTS / 50) + 10 }, user);
  let next = 0;
  const presign = (i) =>
    call(service.url, 'POST', '/api/v1/uploads', users[i % users.length], {
      purpose: 'avatar',
      contentType: 'image/jpeg',
      size: 200_000 + i,
    });
  const run = async (total) => {
    const latencies = [];
    next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: PRESIGN_CONCURRENCY }, async () => {
        while (next < total) {
          const i = next++;
          const begin = performance.now();
          await presign(i);
          latencies.push(performance.now() - begin);
        }
      }),
    );
    return { latencies, seconds: (performance.now() - started) / 1000 };
  };
  console.log(`\n== presign: POST /api/v1/uploads (quota reservation + upload row + signed PUT) ==`);
  await run(200);
  const { latencies, seconds } = await run(PRESIGN_REQUESTS);
  console.log(
    `${PRESIGN_REQUESTS} requests, ${PRESIGN_CONCURRENCY} concurrent: ${(PRESIGN_REQUESTS / seconds).toFixed(0)} req/s, ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
}

async function processingFigures(service) {
  const photo = await sharp({
    // Noise: a photo-like file size (flat colours would compress to almost nothing).
    create: { width: 1600, height: 1200, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  const owner = user();
  const tickets = [];
  for (let i = 0; i < AVATARS; i++) {
    const ticket = await call(service.url, 'POST', '/api/v1/uploads', owner, {
      purpose: 'avatar',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    const put = await fetch(ticket.request.url, { method: 'PUT', headers: ticket.request.headers, body: photo });
    if (put.status !== 200) throw new Error(`PUT ${put.status}`);
    tickets.push(ticket);
  }
  console.log(
    `\n== avatar processing: ${AVATARS} JPEGs of 1600×1200 (${mb(photo.length)} MB) → 200×200 + 400×400 WebP ==`,
  );
  const started = performance.now();
  await Promise.all(tickets.map((t) => call(service.url, 'POST', `/api/v1/uploads/${t.id}/complete`, owner, {})));
  const pending = new Set(tickets.map((t) => t.id));
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const media = await call(service.url, 'GET', `/api/v1/media/${id}`, owner);
      if (media.status === 'failed') throw new Error(`processing failed: ${media.failureCode}`);
      if (media.status === 'ready') pending.delete(id);
    }
    if (pending.size > 0) await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${AVATARS * 2} variants in ${seconds.toFixed(1)} s: ${((AVATARS * 2) / seconds).toFixed(1)} variants/s ` +
      `(${(AVATARS / seconds).toFixed(1)} avatars/s, worker prefetch ${process.env.MEDIA_JOB_PREFETCH ?? 2})`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'prodvor-storage-bench-'));
  const db = await testing.createTestDatabase('storage', platform.migrationsFor(join(serviceDir, 'prisma/migrations')));
  const kafka = await testing.startPrivateKafka({ jvmOptions: ['-Xms512m', '-Xmx1g'] });
  const vhost = await testing.createTestVhost('storagebench');
  const s3 = await testing.startS3Server();
  await testing.createBucket(s3, BUCKET);
  let service;
  try {
    service = await startService({
      SERVICE_NAME: 'storage',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_URL: testing.serverUrls.redis,
      REDIS_KEY_PREFIX: testing.uniqueName('storagebench'),
      ...kafka.env,
      RABBITMQ_URL: vhost.url,
      MEDIA_GRANT_SECRET: 'bench-only-media-grant-secret-0123456789',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    console.log(`storage-service pid ${service.child.pid} on ${service.url} (node ${process.version})`);
    await streamingFigures(service, s3, dir);
    await presignFigures(service);
    await processingFigures(service);
  } finally {
    if (service) {
      service.child.kill('SIGTERM');
      await new Promise((resolve) =>
        service.child.exitCode !== null ? resolve() : service.child.once('exit', resolve),
      );
    }
    rmSync(dir, { recursive: true, force: true });
    await s3.stop();
    await kafka.stop();
    await vhost.drop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
