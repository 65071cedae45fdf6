// Helpers of bench/storage-bench.mjs: processes, memory readings, the HTTP load generator and goal lines.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

// The goal line `npm run bench` collects, percentiles and free ports: the testing package's, shared by every benchmark.
export const { goalLine, percentile, freePort } = createRequire(import.meta.url)('@prodvor/testing/dist/bench');

export const MiB = 1024 * 1024;
export const mb = (bytes) => (bytes / MiB).toFixed(1);
export const load = () =>
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`;

/** Resident set size (VmRSS) and its high-water mark (VmHWM) of a process, in bytes. */
export function memoryOf(pid) {
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

/**
 * Runs `work` while watching process `pid`: its RSS before, its peak during (VmHWM reset first, and
 * RSS sampled every 20 ms where the reset is not allowed) and the growth between the two.
 */
export async function watchMemory(pid, work) {
  await sleep(500);
  const peakResettable = resetPeak(pid);
  const before = memoryOf(pid).rss;
  let sampledPeak = before;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
  }, 20);
  const started = performance.now();
  const result = await work().finally(() => clearInterval(sampler));
  const ms = performance.now() - started;
  const peak = Math.max(sampledPeak, peakResettable ? memoryOf(pid).hwm : 0);
  return { result, ms, before, peak, growth: peak - before, peakResettable };
}

/**
 * A node child process that prints one JSON line per request it serves on stdin (`{ "ready": true }`
 * first). Used for the baselines: a direct SDK upload and a bare Fastify server.
 */
export function startChild(script, args, options = {}) {
  const child = spawn(process.execPath, [script, ...args], { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const waiting = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      waiting.shift()?.resolve(JSON.parse(line));
    }
  });
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${script} exited with ${code}:\n${stderr}`));
  });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const ready = next();
  return {
    child,
    ready,
    /** Sends one command line and waits for its answer line. */
    ask: (command) => {
      const answer = next();
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return answer;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** The storage service as its own process (node dist/main.js), ready once /health/ready answers. */
export async function startService(serviceDir, env) {
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

/**
 * Closed-loop load: `concurrency` callers each send their next request as soon as the previous one is
 * answered, `total` requests in all. `send(i)` makes request i. Returns requests/s and latencies.
 */
export async function closedLoop(total, concurrency, send) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const begin = performance.now();
        await send(i);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rate: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** POSTs JSON and returns the parsed answer; any status ≥ 300 is an error. */
export async function call(url, method, path, headers, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
