import { z } from 'zod';
import { cursorAfter, decodeCursor, encodeCursor, idCursor } from './pagination';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '0190f0a0-0000-7000-8000-000000000000';

describe('decodeCursor', () => {
  it('round-trips a cursor of the given shape', () => {
    expect(decodeCursor(encodeCursor({ id: ID }), idCursor)).toEqual({ id: ID });
    const shape = z.object({ startsAt: z.string().datetime(), id: z.string().uuid() });
    const position = { startsAt: '2026-12-01T10:00:00.000Z', id: ID };
    expect(decodeCursor(encodeCursor(position), shape)).toEqual(position);
  });

  it.each([
    ['a non-UUID id (eyJpZCI6IngifQ)', 'eyJpZCI6IngifQ'],
    ['a numeric id', b64({ id: 1 })],
    ['no id', b64({})],
    ['an array', b64([ID])],
    ['null', b64(null)],
    ['not JSON', Buffer.from('{"id":').toString('base64url')],
    ['not base64url', '%%'],
  ])('refuses %s with 400 INVALID_CURSOR', (_name, cursor) => {
    expect(() => decodeCursor(cursor, idCursor)).toThrow(
      expect.objectContaining({ code: 'INVALID_CURSOR', status: 400 }),
    );
  });

  it('answers undefined without a cursor', () => {
    expect(cursorAfter(undefined, idCursor)).toBeUndefined();
    expect(cursorAfter(encodeCursor({ id: ID }), idCursor)?.id).toBe(ID);
  });
});
