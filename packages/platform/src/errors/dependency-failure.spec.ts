import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './dependency-failure';

function prismaError(code: string, meta?: Record<string, unknown>): Error {
  return Object.assign(new Error(`prisma ${code}`), { code, meta });
}

describe('isDependencyUnavailable', () => {
  it.each(['P1001', 'P1017', 'P2024', 'P2028', 'P2037'])(
    'counts Prisma %s as the database being unavailable',
    (code) => {
      expect(isDependencyUnavailable(prismaError(code))).toBe(true);
    },
  );

  it.each(['P2002', 'P2003', 'P2025'])('leaves Prisma %s (a fact about the data) to the caller', (code) => {
    expect(isDependencyUnavailable(prismaError(code))).toBe(false);
  });

  it('finds the cause a driver adapter put in meta, and a socket error in a cause chain', () => {
    const adapter = prismaError('P2010', { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } });
    expect(isDependencyUnavailable(adapter)).toBe(true);
    const wrapped = new Error('publish failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(isDependencyUnavailable(wrapped)).toBe(true);
  });

  it("recognises PostgreSQL's shutdown SQLSTATEs and node-postgres' connection messages, not a syntax error", () => {
    expect(isDependencyUnavailable(Object.assign(new Error('terminating'), { code: '57P01' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    expect(isDependencyUnavailable('ECONNREFUSED')).toBe(false);
  });
});
