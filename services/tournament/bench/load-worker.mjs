// Worker thread of `npm run bench:tournament`: the HTTP load generator, kept off the server's thread so the
// two do not share a core. Two kinds of load, each posting one `result` message:
// - `closed`: autocannon, `connections` callers each sending their next GET as soon as the last is answered,
//   for `seconds`; the figure is requests/s.
// - `open`: a fixed schedule of `rate` GETs a second over a keep-alive pool, whatever the answers do;
//   latency counts from each request's SCHEDULED start, so a server (or client) that falls behind shows it.
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { kind, url, seconds, connections, rate } = workerData;

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function closed() {
  const options = { url, connections, duration: seconds };
  // Off the main thread autocannon hands back its raw histograms; aggregating is left to the caller.
  const result = autocannon.aggregateResult([await autocannon(options)], options);
  return {
    // Completed requests over the run's duration (s); autocannon's latencies are whole milliseconds.
    rate: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    count: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function open() {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = [];
  let errors = 0;
  let lateStarts = 0;
  const inFlight = [];
  const send = (due) =>
    new Promise((resolve) => {
      const req = get(url, { agent }, (res) => {
        res.resume();
        res.once('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - due);
          else errors++;
          resolve();
        });
      });
      req.once('error', () => {
        errors++;
        resolve();
      });
    });
  const begin = performance.now();
  for (let i = 0; i < total;) {
    const now = performance.now();
    // Every request already due goes out now (a timer fires at ~1 ms granularity, the schedule is finer).
    while (i < total && begin + i * interval <= now) {
      const due = begin + i * interval;
      if (now - due > 1) lateStarts++;
      inFlight.push(send(due));
      i++;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, begin + i * interval - performance.now())));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate: total / ((performance.now() - begin) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
    errors,
    lateStarts,
  };
}

parentPort.postMessage({ kind: 'result', ...(kind === 'closed' ? await closed() : await open()) });
