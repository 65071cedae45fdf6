import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Accept what upstream sent when it looks like an id (UUID or similar token), never arbitrary text in logs.
const ACCEPTED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Fastify `genReqId`: the request id *is* the correlation id. It also writes the chosen value back to
 * the raw header so pino-http and any later reader agree on it.
 */
export function correlationIdFor(req: IncomingMessage): string {
  const sent = req.headers[CORRELATION_ID_HEADER];
  const value = typeof sent === 'string' && ACCEPTED.test(sent) ? sent : randomUUID();
  req.headers[CORRELATION_ID_HEADER] = value;
  return value;
}
