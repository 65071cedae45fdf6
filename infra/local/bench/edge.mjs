#!/usr/bin/env node
// `npm run bench:edge`: what the dev edge (the Kong stand-in, infra/local/src/edge) adds to a call. A tiny
// upstream (upstream.mjs) and the dev edge (dist/edge/main.js on gateway/kong.yaml rendered for a test
// identity provider) run as their own processes; this process is the client: one request at a time over a
// keep-alive connection, GET /api/v1/users/me with a valid bearer token, alternating blocks straight to
// the upstream and through the edge (jwt verification, header contract, correlation id, CORS, size and
// rate limits — the limit raised out of reach, still counted — and its request log, sent to /dev/null).
// Prints the p50 difference as a goal line.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { Agent, get } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
process.env.PRODVOR_TEST_RUN_ID ??= `bench${Date.now().toString(36)}`;
const testing = require('@prodvor/testing/dist/bench');
const { renderedKongFile } = require('../dist/edge/testing/edge-fixtures');

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 6000);
const BLOCK = 500;
const PATH = '/api/v1/users/me';
const here = new URL('.', import.meta.url).pathname;

/** A node process; `firstLine` resolves with its first stdout line (or never, when `quiet`: stdout to /dev/null). */
function startProcess(script, env, quiet = false) {
  const child = spawn(process.execPath, [script], {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  child.once('exit', (code) => code && console.error(`${script} exited with ${code}:\n${stderr}`));
  const firstLine = new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${stderr}`)));
  });
  firstLine.catch(() => undefined);
  return {
    firstLine,
    exited: () => child.exitCode !== null,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Sequential GETs over one keep-alive connection; the latency of each (ms). */
async function sequential(url, headers, count, agent) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const status = await new Promise((resolve, reject) => {
      get(url, { agent, headers }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode));
      }).once('error', reject);
    });
    if (status !== 200) throw new Error(`${url}: ${status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function main() {
  const idp = await testing.startTestIdentityProvider();
  const upstream = startProcess('upstream.mjs', {});
  let edge;
  try {
    const upstreamUrl = JSON.parse(await upstream.firstLine).url;
    const kongFile = await renderedKongFile({ issuer: idp.issuer, jwksUrl: idp.jwksUrl });
    const port = await testing.freePort();
    edge = startProcess(
      '../dist/edge/main.js',
      {
        KONG_FILE: kongFile,
        PORT: String(port),
        HOST: '127.0.0.1',
        UPSTREAM_USER: upstreamUrl,
        EDGE_RATE_LIMIT_SECOND: '1000000',
        EDGE_RATE_LIMIT_MINUTE: '100000000',
        LOG_LEVEL: 'info',
      },
      true,
    );
    const edgeUrl = `http://127.0.0.1:${port}`;
    // Ready once it answers at all (401 without a token).
    for (
      let i = 0;
      !(await fetch(`${edgeUrl}${PATH}`).then(
        () => true,
        () => false,
      ));
      i++
    ) {
      if (edge.exited() || i > 300) throw new Error('the dev edge did not start');
      await sleep(100);
    }
    const token = await idp.mintToken({ sub: 'bench-user', realm_access: { roles: ['player'] } }, { expiresIn: 3600 });
    const headers = { authorization: `Bearer ${token}` };
    const agents = {
      direct: new Agent({ keepAlive: true, maxSockets: 1 }),
      edge: new Agent({ keepAlive: true, maxSockets: 1 }),
    };
    const targets = { direct: `${upstreamUrl}${PATH}`, edge: `${edgeUrl}${PATH}` };
    for (const name of ['direct', 'edge']) await sequential(targets[name], headers, 1000, agents[name]); // warm-up
    const samples = { direct: [], edge: [] };
    for (let done = 0; done < REQUESTS; done += BLOCK)
      for (const name of ['direct', 'edge'])
        samples[name].push(...(await sequential(targets[name], headers, BLOCK, agents[name])));
    const p = (name, q) => testing.percentile(samples[name], q);
    console.log(
      `\n== dev edge: ${REQUESTS} sequential GET ${PATH} each way, one keep-alive connection (load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}) ==`,
    );
    for (const name of ['direct', 'edge'])
      console.log(`${name.padEnd(7)} p50 ${p(name, 50).toFixed(3)} ms  p99 ${p(name, 99).toFixed(3)} ms`);
    const added = p('edge', 50) - p('direct', 50);
    testing.goalLine({
      service: 'edge',
      figure: `dev edge added p50, authenticated GET, sequential`,
      value: `+${added.toFixed(3)} ms (${p('edge', 50).toFixed(3)} ms)`,
      goal: '≤ +1 ms p50 over a direct call',
      baseline: `direct call p50 ${p('direct', 50).toFixed(3)} ms`,
      ratio: p('edge', 50) / p('direct', 50),
      met: added <= 1,
    });
    for (const agent of Object.values(agents)) agent.destroy();
  } finally {
    await edge?.stop();
    await upstream.stop();
    await idp.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
