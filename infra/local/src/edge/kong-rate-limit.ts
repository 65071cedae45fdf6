// DEVELOPMENT AND TESTS ONLY: Kong 3.9's rate-limiting plugin with the `local` policy — counters per
// identifier in fixed windows aligned to the clock (second, minute, hour, day, month, year), the
// X-RateLimit-*, RateLimit-* headers on every request that passes it, Retry-After on the 429.
export type Period = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
export type Limits = Partial<Record<Period, number>>;

const PERIODS: Period[] = ['second', 'minute', 'hour', 'day', 'month', 'year'];
const WINDOW_SECONDS: Record<Period, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  month: 2592000,
  year: 31536000,
};
const title = (p: Period): string => p[0].toUpperCase() + p.slice(1);

/** The start (ms) of the window of each period that `now` falls in, in UTC (kong.tools.timestamp). */
function windowStart(period: Period, now: number): number {
  const d = new Date(now);
  switch (period) {
    case 'second':
      return Math.floor(now / 1000) * 1000;
    case 'minute':
      return Math.floor(now / 60_000) * 60_000;
    case 'hour':
      return Math.floor(now / 3_600_000) * 3_600_000;
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class KongRateLimiter {
  private readonly counters = new Map<string, number>();
  private readonly periods: [Period, number][];

  constructor(limits: Limits) {
    this.periods = PERIODS.filter((p) => (limits[p] ?? 0) > 0).map((p) => [p, limits[p]!]);
  }

  get enabled(): boolean {
    return this.periods.length > 0;
  }

  /** Counts the request (when allowed) and says what Kong would: go on or 429, with the headers either way. */
  check(identifier: string, now = Date.now()): RateDecision {
    const usage = this.periods.map(([period, limit]) => {
      const start = windowStart(period, now);
      const used = this.counters.get(`${identifier}|${period}|${start}`) ?? 0;
      return { period, limit, start, remaining: limit - used };
    });
    const stop = usage.find((u) => u.remaining <= 0)?.period;
    const headers: Record<string, string> = {};
    let chosen: { limit: number; remaining: number; window: number; reset: number } | undefined;
    for (const u of usage) {
      const remaining = Math.max(0, stop === undefined || stop === u.period ? u.remaining - 1 : u.remaining);
      const window = WINDOW_SECONDS[u.period];
      if (!chosen || remaining < chosen.remaining || (remaining === chosen.remaining && window > chosen.window)) {
        const reset = Math.max(1, window - Math.floor((now - u.start) / 1000));
        chosen = { limit: u.limit, remaining, window, reset };
      }
      headers[`X-RateLimit-Limit-${title(u.period)}`] = String(u.limit);
      headers[`X-RateLimit-Remaining-${title(u.period)}`] = String(remaining);
    }
    if (chosen) {
      headers['RateLimit-Limit'] = String(chosen.limit);
      headers['RateLimit-Remaining'] = String(chosen.remaining);
      headers['RateLimit-Reset'] = String(chosen.reset);
    }
    if (stop !== undefined) {
      headers['Retry-After'] = String(chosen!.reset);
      return { allowed: false, headers };
    }
    for (const u of usage) {
      const key = `${identifier}|${u.period}|${u.start}`;
      this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    }
    this.prune(now);
    return { allowed: true, headers };
  }

  /** Drops counters of windows that are over (the `local` policy's shm entries expire the same way). */
  private prune(now: number): void {
    if (this.counters.size < 10_000) return;
    for (const key of this.counters.keys()) {
      const [, period, start] = key.split('|');
      if (Number(start) < windowStart(period as Period, now)) this.counters.delete(key);
    }
  }
}
