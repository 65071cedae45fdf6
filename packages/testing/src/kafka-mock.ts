import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface KafkaMock {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * Starts librdkafka's in-memory mock cluster through `kcat` (a real Kafka wire-protocol broker).
 * Topics auto-create with 4 partitions on first metadata request; there is no
 * CreateTopics/DeleteTopics, so code under test must never depend on creating topics.
 */
export function startKafkaMock(): Promise<KafkaMock> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      'kcat',
      ['-X', 'test.mock.num.brokers=1', '-b', 'localhost:1', '-C', '-t', '__prodvor_warmup', '-d', 'mock', '-q'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const timer = setTimeout(() => reject(new Error('kcat mock cluster did not report its bootstrap address')), 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start kcat (install it with apt-get install kcat): ${err.message}`));
    });
    const lines = createInterface({ input: child.stderr! });
    let found = false;
    // The mock logs every request; keep draining stderr so the pipe never blocks the broker.
    lines.on('line', (line) => {
      if (found) return;
      const match = /bootstrap\.servers=(\S+)/.exec(line);
      if (!match) return;
      found = true;
      clearTimeout(timer);
      resolve({
        brokers: match[1].split(','),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
