#!/usr/bin/env node
// Baseline of the cached standings read, run by run.mjs as its own process on PORT: a bare Fastify server that
// answers GET /hello with a small JSON body, nothing else (no NestJS, no guard, no logging, no metrics, no
// rate limit, no cache). Under the same load generator it shows what this machine and client reach at all.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fastify = require('fastify')({ logger: false });

fastify.get('/hello', async () => ({ hello: 'world' }));
await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => fastify.close().then(() => process.exit(0)));
