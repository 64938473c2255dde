import { invalidInput } from '@omnibox/platform';
import { decodeCursor, encodeCursor } from '../domain/cursors';
import { isQueryProblem, QueryProblem } from '../domain/query';
import type { Found } from './ports';

/** A page asked for: `limit` (API.md: 50 by default, at most 200) and the previous page's `nextCursor`. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageLimit(page: PageRequest): number {
  return Math.min(Math.max(page.limit || 50, 1), 200);
}

/** Where the page starts: after the sort values the cursor holds (400 naming `cursor` for one this service did not give). */
export function pageStart(page: PageRequest): unknown[] | undefined {
  const after = decodeCursor(page.cursor);
  if (after === 'invalid') throw invalidInput('cursor', 'is not a cursor this endpoint gave');
  return after;
}

export function pageOf<T>(found: Found<T>): Page<T> {
  return { items: found.items, nextCursor: found.next ? encodeCursor(found.next) : null };
}

/** A parsed query, or 400 naming `q` with how to fix it. */
export function validQuery<T>(parsed: T | QueryProblem): T {
  if (isQueryProblem(parsed)) throw invalidInput('q', parsed.problem);
  return parsed;
}
