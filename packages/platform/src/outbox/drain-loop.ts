/**
 * Runs `work` one run at a time. A wake during a run schedules exactly one more run after it, so
 * nothing written while a run was reading is left waiting for the next timer tick.
 */
export class DrainLoop {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves once a run that began after this call has finished. */
  async flush(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  /** No new runs; waits for the current one. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running) await this.running;
  }
}
