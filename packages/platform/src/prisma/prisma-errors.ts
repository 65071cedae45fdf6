/** True for a unique constraint violation (Prisma P2002), e.g. two concurrent inserts of the same pending row. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Prisma request errors that are about the connection or the server's load, not about the data; P2010
 * ("raw query failed") only wraps the database's own code, found in its `meta.code`.
 */
const NOT_DATA_PRISMA_CODES = new Set(['P2010', 'P2024', 'P2034', 'P2037']);

/**
 * True for a failure that says "this data can never be written" (PostgreSQL data exception 22xxx,
 * integrity violation 23xxx, syntax or access rule 42xxx, or a Prisma P2xxx request error about the data):
 * retrying it cannot help. Everything else — the database unreachable, restarting, refusing connections,
 * a connection cut mid-query, a pool timeout — is worth waiting out.
 */
export function isPermanentDataError(error: unknown): boolean {
  for (const code of errorCodes(error)) {
    if (/^(22|23|42)[0-9A-Z]{3}$/.test(code)) return true;
    if (/^P2\d{3}$/.test(code) && !NOT_DATA_PRISMA_CODES.has(code)) return true;
  }
  return false;
}

/** SQLSTATEs of a transaction PostgreSQL aborted so that another could go on: running it again is safe. */
const TRANSIENT_CONFLICTS = new Set(['40P01', '40001']);

/**
 * True when PostgreSQL aborted the transaction as a deadlock victim (40P01) or a serialization failure
 * (40001): Prisma's P2034, or a raw query's P2010 carrying the driver adapter's SQLSTATE.
 */
export function isTransientConflict(error: unknown): boolean {
  return errorCodes(error).some((code) => code === 'P2034' || TRANSIENT_CONFLICTS.has(code));
}

/** The codes found on an error, its causes and Prisma's driver adapter details (bounded walk). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length && seen < 10; seen++) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null) continue;
    const { code, cause, meta, originalCode } = current as Record<string, unknown>;
    for (const value of [code, originalCode]) if (typeof value === 'string') codes.push(value);
    queue.push(cause);
    if (typeof meta === 'object' && meta !== null) {
      const details = meta as Record<string, unknown>;
      if (typeof details.code === 'string') codes.push(details.code);
      queue.push(details.driverAdapterError);
    }
  }
  return codes;
}
