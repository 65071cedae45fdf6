/** A token as its issuer answered, with the time (ms, on the same clock as `now`) to fetch a new one. */
export interface IssuedToken {
  token: string;
  renewAt: number;
}

/**
 * An expiring access token fetched on demand: kept until its `renewAt`, and one fetch at a time, shared
 * by every caller that asks meanwhile (single flight).
 */
export class RenewingToken {
  private cached?: IssuedToken;
  private inFlight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token (cached, or fetched now). */
  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetchToken()
      .then((issued) => {
        this.cached = issued;
        return issued.token;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** Forgets the token (its audience answered 401 to it): the next `get` fetches a new one. */
  invalidate(): void {
    this.cached = undefined;
  }
}
