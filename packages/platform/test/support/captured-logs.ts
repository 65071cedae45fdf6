import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON line, parsed, for assertions. */
export class CapturedLogs extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}
