#!/usr/bin/env node
// The client of the streaming-upload figures, run by storage-bench.mjs as its own process (the bench
// process also runs s3rver; sending 500 MB from there would take CPU from it on a 2-core box, which the
// direct baseline, in its own process, does not pay). For each `{ "url", "headers", "file", "size" }`
// line on stdin it POSTs the file as one multipart/form-data part over a real socket, streamed from disk,
// and answers `{ "media" }` (the 201 body) or `{ "error" }`.
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { createInterface } from 'node:readline';

const BOUNDARY = 'prodvor-bench-boundary';
const reply = (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`);

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

reply({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  const { url, headers, file, size } = JSON.parse(line);
  await streamUpload(url, headers, { path: file, size }).then(
    (media) => reply({ media }),
    (error) => reply({ error: String(error?.message ?? error) }),
  );
}
