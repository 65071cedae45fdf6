/**
 * Per-socket limit: `ratePerSecond` tokens refill continuously up to `burst` (by default the same size).
 * In memory on purpose: a socket lives on one instance (the per-user limit is the shared one).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    now: number,
    private readonly burst = ratePerSecond,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(now: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts a socket's refused events per minute; past the limit the socket is disconnected. */
export class ViolationCounter {
  private count = 0;
  private windowStart: number;

  constructor(
    private readonly maxPerMinute: number,
    now: number,
  ) {
    this.windowStart = now;
  }

  /** Records one refused event; true when the socket has now misbehaved too often. */
  record(now: number): boolean {
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    return this.count > this.maxPerMinute;
  }
}
