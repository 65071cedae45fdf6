import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  json?: unknown;
}

/**
 * A local HTTP server standing in for a push service (or FCM) at the HTTP boundary: it records every request
 * and answers what `answer` says for its path (201 by default).
 */
export interface HttpRecorder {
  url: string;
  requests: RecordedRequest[];
  answer: (request: RecordedRequest) => Answer;
  to(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startHttpRecorder(): Promise<HttpRecorder> {
  const recorder: Omit<HttpRecorder, 'url' | 'close'> = {
    requests: [],
    answer: () => ({ status: 201 }),
    to: (path) => recorder.requests.filter((r) => r.path === path),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      recorder.requests.push(request);
      const answer = recorder.answer(request);
      res.statusCode = answer.status;
      if (answer.json !== undefined) res.setHeader('content-type', 'application/json');
      res.end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(recorder, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
