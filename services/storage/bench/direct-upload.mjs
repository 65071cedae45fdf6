#!/usr/bin/env node
// Baseline of the streaming-upload figures, run by storage-bench.mjs as its own process (so its memory is
// measured like the service's): a direct lib-storage upload of a file to S3 for each
// `{ "file", "bucket", "key" }` line on stdin, answering `{ "ms" }`. Same part size and queue as the service.
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const s3 = JSON.parse(process.argv[2]);
const client = new S3Client({
  endpoint: s3.endpoint,
  region: s3.region,
  forcePathStyle: true,
  credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const reply = (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`);

reply({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  const { file, bucket, key } = JSON.parse(line);
  const started = performance.now();
  await new Upload({
    client,
    params: { Bucket: bucket, Key: key, Body: createReadStream(file), ContentType: 'video/mp4' },
    partSize: 5 * 1024 * 1024,
    queueSize: 4,
  }).done();
  reply({ ms: performance.now() - started });
}
client.destroy();
