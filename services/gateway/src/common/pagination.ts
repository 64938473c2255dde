import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Collection, Filter } from 'mongodb';

/** `?limit=&cursor=` of every list (API.md): default 50, at most 200; the cursor is opaque. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Min(1, { message: 'limit must be a whole number from 1 to 200' })
  @Max(200, { message: 'limit must be a whole number from 1 to 200' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursor over an ascending string key (ids): opaque to clients, stable while the list changes. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}
export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
}

/** Builds a page from `limit + 1` rows read after the cursor. */
export function toPage<Row extends { _id: string }, T>(rows: Row[], limit: number, view: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(view), nextCursor: more ? encodeCursor(pageRows[pageRows.length - 1]._id) : null };
}

/** One page of a workspace's records in id order, after the cursor (keyset pagination). */
export async function workspacePage<Row extends { _id: string; workspaceId: string }, T>(
  collection: Collection<Row>,
  workspaceId: string,
  query: ListQuery,
  view: (row: Row) => T,
): Promise<Page<T>> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor);
  const filter = { workspaceId, ...(after ? { _id: { $gt: after } } : {}) } as Filter<Row>;
  const rows = (await collection.find(filter).sort({ _id: 1 }).limit(limit + 1).toArray()) as Row[];
  return toPage(rows, limit, view);
}
