import { isPermanentDataError, isTransientConflict } from './prisma-errors';

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  Object.assign(new Error('prisma'), { code, ...(meta ? { meta } : {}) });

describe('isPermanentDataError', () => {
  it('treats what the database refuses about the data as permanent', () => {
    expect(isPermanentDataError(prismaError('P2002'))).toBe(true);
    expect(isPermanentDataError(prismaError('P2010', { code: '23505' }))).toBe(true);
    expect(isPermanentDataError(prismaError('P2010', { code: '22P02' }))).toBe(true);
    expect(isPermanentDataError(Object.assign(new Error('pg'), { code: '42703' }))).toBe(true);
  });

  it('treats an unavailable or overloaded database as worth waiting out', () => {
    expect(isPermanentDataError(prismaError('P2010', { code: '55000' }))).toBe(false); // not accepting connections
    expect(isPermanentDataError(prismaError('P2010', { code: '57P01' }))).toBe(false); // admin shutdown
    expect(isPermanentDataError(prismaError('P1001'))).toBe(false);
    expect(isPermanentDataError(prismaError('P2024'))).toBe(false);
    expect(isPermanentDataError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentDataError(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});

describe('isTransientConflict', () => {
  it('recognises a deadlock victim and a serialization failure, however Prisma wraps them', () => {
    expect(isTransientConflict(prismaError('P2034'))).toBe(true);
    const adapter = (code: string) => ({ driverAdapterError: { name: 'DriverAdapterError', cause: { code } } });
    expect(isTransientConflict(prismaError('P2010', adapter('40P01')))).toBe(true);
    expect(isTransientConflict(prismaError('P2010', adapter('40001')))).toBe(true);
  });

  it('leaves every other failure to the caller', () => {
    expect(isTransientConflict(prismaError('P2002'))).toBe(false);
    expect(isTransientConflict(prismaError('P2010', { code: '23505' }))).toBe(false);
    expect(isTransientConflict(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isTransientConflict(undefined)).toBe(false);
  });
});
