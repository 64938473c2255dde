import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { invalidInput, Optional } from '@omnibox/platform';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

const DEFAULT_LIMIT = 50;

/** `?limit=&cursor=` of every list (API.md): default 50, at most 200; the cursor is opaque. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_LIMIT })
  @Optional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Min(1, { message: 'limit must be a whole number from 1 to 200' })
  @Max(200, { message: 'limit must be a whole number from 1 to 200' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One page of a list kept in the order of a string key (ids): at most `limit` items after `after`. */
export interface PageRequest {
  limit: number;
  after?: string;
}

/** Cursor over an ascending string key (ids): opaque to clients, stable while the list changes. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}
export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
}

/** The page a list request asks for; a cursor that no earlier page gave out is 400. */
export function pageRequest(query: ListQuery): PageRequest {
  const after = decodeCursor(query.cursor);
  if (after !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(after)) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
  return { limit: query.limit ?? DEFAULT_LIMIT, after };
}

/** Builds a page from `limit + 1` items read after the cursor (keyset pagination). */
export function toPage<T>(items: T[], limit: number, keyOf: (item: T) => string): Page<T> {
  const more = items.length > limit;
  const pageItems = more ? items.slice(0, limit) : items;
  return { items: pageItems, nextCursor: more ? encodeCursor(keyOf(pageItems[pageItems.length - 1])) : null };
}

/** The same page with its items shown another way. */
export function mapPage<T, U>(page: Page<T>, view: (item: T) => U): Page<U> {
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
