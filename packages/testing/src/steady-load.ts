/** One request of a steady load: what was sent, when, and what came back (or how it failed). */
export interface LoadSample {
  /** The caller's label (e.g. `write`, `read`). */
  kind: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no response arrived (connection refused or reset). */
  status: number;
  contentType: string;
  /** The problem+json `code`, when the body has one. */
  code?: string;
  /** The parsed JSON body of a 2xx answer. */
  body?: unknown;
  error?: string;
}

export interface SteadyLoadOptions {
  /** Requests started per second (evenly spaced, not waiting for answers). */
  ratePerSecond: number;
  /** Hard bound: the load stops by itself after this long even if `stop()` is never called. */
  maxDurationMs: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Builds the n-th request: a label and the fetch arguments. */
  next: (n: number) => { kind: string; url: string; init?: RequestInit };
}

export interface SteadyLoad {
  readonly samples: LoadSample[];
  /** Samples that ended after `since` (ms epoch), e.g. since an outage began. */
  since(since: number, until?: number): LoadSample[];
  /** Stops starting requests and waits for the ones in flight. */
  stop(): Promise<LoadSample[]>;
}

async function sample(kind: string, url: string, init: RequestInit | undefined, timeoutMs: number) {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const code = (json as { code?: unknown } | undefined)?.code;
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      contentType,
      ...(typeof code === 'string' ? { code } : {}),
      ...(response.ok ? { body: json } : {}),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      status: 0,
      contentType: '',
      error: cause ?? (error as Error).message,
    };
  }
}

/**
 * A bounded open-loop load over real HTTP: `ratePerSecond` requests a second from `next(n)`, each one
 * recorded, until `stop()` or `maxDurationMs`. A slow or dead server does not slow the rate down.
 */
export function startSteadyLoad(options: SteadyLoadOptions): SteadyLoad {
  const samples: LoadSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / options.ratePerSecond;
  const began = Date.now();
  let n = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (Date.now() - began > options.maxDurationMs) {
      stopped = true;
      clearInterval(timer);
      return;
    }
    const { kind, url, init } = options.next(n++);
    const done = sample(kind, url, init, options.timeoutMs ?? 10_000).then((s) => {
      samples.push(s);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  return {
    samples,
    since: (since, until = Number.POSITIVE_INFINITY) => samples.filter((s) => s.endedAt >= since && s.endedAt <= until),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return samples;
    },
  };
}
