// One figure of storage-bench.mjs: PUT URLs signed per second in one process with nothing else around,
// by the SDK's getSignedUrl (what presign used before) and by the service's UrlPresigner (dist/).
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { UrlPresigner } = require('../dist/s3/url-presigner.js');

export async function presignerLoop(s3, bucket, count = 5000) {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const signableHeaders = new Set(['content-type', 'content-length']);
  const presigner = new UrlPresigner(client, bucket);
  const key = (i) => `staging/0193d2c4-0000-7000-8000-${String(i).padStart(12, '0')}`;
  const loops = {
    'SDK getSignedUrl': (i) =>
      getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key(i), ContentType: 'image/jpeg', ContentLength: 200_000 }),
        { expiresIn: 900, signableHeaders },
      ),
    UrlPresigner: (i) =>
      presigner.presign({
        operation: 'PutObject',
        method: 'PUT',
        key: key(i),
        headers: { 'content-type': 'image/jpeg', 'content-length': '200000' },
        signableHeaders,
        expiresIn: 900,
      }),
  };
  const rates = {};
  for (const [name, sign] of Object.entries(loops)) {
    for (let i = 0; i < 500; i++) await sign(i);
    const started = performance.now();
    for (let i = 0; i < count; i++) await sign(i);
    rates[name] = count / ((performance.now() - started) / 1000);
  }
  client.destroy();
  return rates;
}
