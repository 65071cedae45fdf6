// Worker thread of `npm run bench:chat`: holds every client socket, sends at a fixed rate and records
// when each message reached each room member. Kept off the server's thread so the two do not share a core.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

// `urls`: one per chat instance; members connect round-robin, so most deliveries cross instances.
const { urls, rooms, rate, seconds, warmupSeconds, mode, tag } = workerData;
// Same clock in both threads: wall-clock milliseconds with sub-millisecond resolution.
const now = () => performance.timeOrigin + performance.now();

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function connect(url, token) {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

/** clientMessageId → { sentAt, roomIndex, receivedBy: Map<member, count>, lastAt } */
const sent = new Map();
let duplicates = 0;
let unknown = 0;
let refused = 0;
const refusals = new Map();

const members = rooms.flatMap((room, roomIndex) => room.tokens.map((token, member) => ({ roomIndex, member, token })));
const sockets = await inBatches(members, 50, async (m, i) => {
  const socket = await connect(urls[i % urls.length], m.token);
  const ack = await socket.timeout(15_000).emitWithAck('room:join', { roomId: rooms[m.roomIndex].roomId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  socket.on('message', (message) => {
    const at = now();
    const record = sent.get(message.clientMessageId);
    if (!record) return void unknown++;
    const seen = record.receivedBy.get(m.member) ?? 0;
    record.receivedBy.set(m.member, seen + 1);
    if (seen > 0) return void duplicates++;
    record.deliveries.push(at - record.sentAt);
    if (record.receivedBy.size === rooms[m.roomIndex].tokens.length) record.allAt = at;
  });
  return { ...m, socket };
});
parentPort.postMessage({ kind: 'connected', sockets: sockets.length });

/** Open loop: sends start on a fixed schedule whatever the acks do; senders rotate through every socket. */
async function run(totalSeconds, prefix, measured) {
  const total = Math.round(rate * totalSeconds);
  const interval = 1000 / rate;
  const begin = now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = begin + i * interval;
    const wait = due - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const from = sockets[(i * 7919) % sockets.length];
    const clientMessageId = `${prefix}-${i}`;
    if (measured)
      sent.set(clientMessageId, {
        sentAt: now(),
        roomIndex: from.roomIndex,
        receivedBy: new Map(),
        deliveries: [],
        allAt: 0,
      });
    pending.push(
      from.socket
        .timeout(30_000)
        .emitWithAck('message:send', { roomId: rooms[from.roomIndex].roomId, clientMessageId, text: `bench ${i}` })
        .then(
          (ack) => {
            if (!ack.ok) {
              refused++;
              refusals.set(ack.error?.code, (refusals.get(ack.error?.code) ?? 0) + 1);
            }
          },
          () => refused++,
        ),
    );
  }
  await Promise.all(pending);
  return now() - begin;
}

await run(warmupSeconds, `${tag}-warm`, false);
const start = now();
const sendMs = await run(seconds, `${tag}-m`, true);
// Let the tail arrive: until everything is delivered, or 10 s without progress.
const expectedDeliveries = [...sent.values()].reduce((n, r) => n + rooms[r.roomIndex].tokens.length, 0);
const delivered = () => [...sent.values()].reduce((n, r) => n + r.deliveries.length, 0);
for (let last = delivered(), idle = 0; last < expectedDeliveries && idle < 10_000; idle += 100) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (delivered() !== last) [last, idle] = [delivered(), 0];
}
const lastDelivery = Math.max(...[...sent.values()].map((r) => r.sentAt + Math.max(0, ...r.deliveries)));
await new Promise((resolve) => setTimeout(resolve, 500)); // late duplicates would show here

const toAll = [...sent.values()]
  .filter((r) => r.allAt > 0)
  .map((r) => r.allAt - r.sentAt)
  .sort((a, b) => a - b);
const perDelivery = [...sent.values()].flatMap((r) => r.deliveries).sort((a, b) => a - b);
const received = delivered();
if (process.env.BENCH_DEBUG) {
  const buckets = new Map();
  for (const r of sent.values()) {
    const second = Math.floor((r.sentAt - start) / 1000);
    const b = buckets.get(second) ?? [];
    b.push(r.allAt ? r.allAt - r.sentAt : Infinity);
    buckets.set(second, b);
  }
  for (const [second, b] of [...buckets].sort((x, y) => x[0] - y[0])) {
    b.sort((x, y) => x - y);
    console.log(`${mode} second ${second}: p50 ${percentile(b, 50).toFixed(1)} max ${b.at(-1).toFixed(1)}`);
  }
}
parentPort.postMessage({
  kind: 'result',
  mode,
  messages: sent.size,
  sendSeconds: sendMs / 1000,
  expectedDeliveries,
  delivered: received,
  lost: expectedDeliveries - received,
  duplicates,
  unknown,
  refused,
  refusals: Object.fromEntries(refusals),
  deliveredPerSecond: received / ((lastDelivery - start) / 1000),
  toAll: { p50: percentile(toAll, 50), p99: percentile(toAll, 99), max: toAll.at(-1) },
  perDelivery: { p50: percentile(perDelivery, 50), p99: percentile(perDelivery, 99) },
});
for (const { socket } of sockets) socket.close();
