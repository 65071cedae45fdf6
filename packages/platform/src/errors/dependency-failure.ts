/**
 * Prisma codes that say the database cannot be reached or used right now: P1001 unreachable, P1002 and
 * P1008 timed out, P1017 connection closed by the server, P2024 no pooled connection in time, P2028 an
 * interactive transaction could not start in time (its pool slot never came), P2037 too many connections.
 */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);

/** Prisma's driver adapter error kinds with the same meaning. */
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);

/**
 * PostgreSQL SQLSTATEs of a server going away or refusing sessions: class 08 (connection exception),
 * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections.
 */
const SQLSTATE_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** Socket-level failures reaching any dependency (refused, reset, timed out, name not resolvable). */
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres' own messages for a connection that ended or never came (they carry no code). */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

interface Found {
  codes: string[];
  messages: string[];
}

/** The codes, adapter kinds and messages on an error, its causes and Prisma's adapter details (bounded walk). */
function inspect(error: unknown): Found {
  const found: Found = { codes: [], messages: [] };
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length && seen < 12; seen++) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null) continue;
    const { code, originalCode, kind, message, cause, meta, errors } = current as Record<string, unknown>;
    for (const value of [code, originalCode, kind]) if (typeof value === 'string') found.codes.push(value);
    if (typeof message === 'string') found.messages.push(message);
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]).slice(0, 4));
    if (typeof meta === 'object' && meta !== null) {
      const details = meta as Record<string, unknown>;
      if (typeof details.code === 'string') found.codes.push(details.code);
      queue.push(details.driverAdapterError);
    }
  }
  return found;
}

/**
 * True when the error means a dependency (the database, a broker, a server reached over the network) is
 * down or unreachable right now, not that the request or the data is wrong: the caller should get 503
 * `DEPENDENCY_UNAVAILABLE`, and a consumer should wait it out instead of dead-lettering the message.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  const { codes, messages } = inspect(error);
  if (
    codes.some(
      (code) =>
        PRISMA_UNAVAILABLE.has(code) ||
        ADAPTER_UNAVAILABLE.has(code) ||
        SQLSTATE_UNAVAILABLE.test(code) ||
        SOCKET_UNAVAILABLE.has(code),
    )
  )
    return true;
  return messages.some((message) => PG_CONNECTION_MESSAGES.some((known) => message.includes(known)));
}
