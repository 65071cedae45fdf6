import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { z } from 'zod';
import { DomainError, PlatformErrorCode } from '../errors/domain-error';

/** `?limit=` (1..100, default 20) and `?cursor=` (opaque, from a previous page's `nextCursor`). */
export class CursorPaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The cursor of a list ordered by id (UUID) alone: `{ id }`. */
export const idCursor = z.object({ id: z.string().uuid() });

/**
 * Decodes a cursor made by `encodeCursor` and checks it against `shape`: the position goes into a
 * typed comparison (a uuid cast, a timestamp), so a cursor that is not base64url JSON of that shape is
 * the client's mistake, 400 INVALID_CURSOR, never a database error.
 */
export function decodeCursor<S extends z.ZodType<Record<string, unknown>>>(cursor: string, shape: S): z.infer<S> {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const parsed = shape.safeParse(value);
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new DomainError(PlatformErrorCode.INVALID_CURSOR, 400, 'Cursor is not valid');
}

/** The position of `?cursor=` when there is one: `cursorAfter(query.cursor, idCursor)?.id`. */
export function cursorAfter<S extends z.ZodType<Record<string, unknown>>>(
  cursor: string | undefined,
  shape: S,
): z.infer<S> | undefined {
  return cursor ? decodeCursor(cursor, shape) : undefined;
}

/**
 * Builds a page from `limit + 1` rows fetched in a stable order: the extra row only tells that more
 * exist, and the cursor points at the last returned row.
 */
export function toPage<Row, Item = Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Record<string, unknown>,
  map: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && pageRows.length ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}
