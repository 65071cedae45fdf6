#!/usr/bin/env node
// Baseline of the presign figures, run by storage-bench.mjs as its own process: a bare Fastify server that
// answers POST /api/v1/uploads with a small JSON body, nothing else (no NestJS, no auth, no database, no
// signing). Under the same load generator it shows what this machine and client can reach at all.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fastify = require('fastify')({ logger: false });

fastify.post('/api/v1/uploads', async (request, reply) => {
  reply.code(201);
  return { id: 'hello', size: request.body?.size ?? 0 };
});
const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ ready: true, url })}\n`);
process.once('SIGTERM', () => fastify.close().then(() => process.exit(0)));
