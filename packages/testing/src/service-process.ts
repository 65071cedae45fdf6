import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** What the process printed so far (for failure messages). */
  output(): string;
  /** SIGTERM and wait for the exit: a graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed, no group left. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

export interface ServiceProcessOptions {
  /** What answers 200 once the process serves (default `/health/ready`). */
  readyPath?: string;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Send stdout to /dev/null instead of keeping it (a benchmark's request logs); stderr is always kept. */
  discardStdout?: boolean;
}

/**
 * A built service (`services/<name>/dist/main.js`) as its own process on a free port, once its
 * `/health/ready` answers 200. For tests that crash or signal a real process, and for benchmarks.
 */
export async function startServiceProcess(
  main: string,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run setup\` (it builds every workspace)`);
  const port = await freePort();
  const chunks: string[] = [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}:\n${chunks.join('')}`);
    const ready = await fetch(`${url}${options.readyPath ?? '/health/ready'}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${url} not ready in time:\n${chunks.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    output: () => chunks.join(''),
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
