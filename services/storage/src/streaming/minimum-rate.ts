import type { Readable } from 'node:stream';

/**
 * Ends a body that arrives slower than `bytesPerSecond`, measured over consecutive windows of
 * `windowMs`: an idle timer alone is reset by every byte, so a client trickling a byte at a time could
 * hold an upload slot for ever. Only time spent waiting for the client counts: while the stream is
 * paused (our side applying back-pressure, e.g. S3 being slow) the window is suspended and restarts
 * on resume.
 */
export class MinimumRate {
  private windowStart = Date.now();
  private windowBytes = 0;
  private paused = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly source: Readable,
    private readonly bytesPerSecond: number,
    private readonly windowMs: number,
    private readonly onTooSlow: () => void,
  ) {
    source.on('data', this.onData);
    source.on('pause', this.onPause);
    source.on('resume', this.onResume);
    this.timer = setInterval(() => this.check(), Math.max(Math.floor(windowMs / 4), 50));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.source.off('data', this.onData);
    this.source.off('pause', this.onPause);
    this.source.off('resume', this.onResume);
  }

  private readonly onData = (chunk: Buffer) => {
    this.windowBytes += chunk.length;
  };

  private readonly onPause = () => {
    this.paused = true;
  };

  private readonly onResume = () => {
    this.paused = false;
    this.restart();
  };

  private restart(): void {
    this.windowStart = Date.now();
    this.windowBytes = 0;
  }

  private check(): void {
    if (this.paused || this.source.readableEnded) return;
    const elapsed = Date.now() - this.windowStart;
    if (elapsed < this.windowMs) return;
    if (this.windowBytes < (this.bytesPerSecond * elapsed) / 1000) {
      this.stop();
      this.onTooSlow();
    } else this.restart();
  }
}
