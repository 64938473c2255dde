import type { ThreadSnapshot } from '@omnibox/contracts';

/**
 * The order of a conversation list (FLT-1, FLT-3, FLT-4) and its keyset cursor: by the sort time,
 * then by contact id so equal times have one stable order.
 */
export type StatusFilter = 'all' | 'open' | 'closed' | 'snoozed';
export type SortOrder = 'newest' | 'oldest' | 'longest' | 'shortest';
export const STATUS_FILTERS: StatusFilter[] = ['all', 'open', 'closed', 'snoozed'];
export const SORT_ORDERS: SortOrder[] = ['newest', 'oldest', 'longest', 'shortest'];

/** Sort kinds: L = time of the latest message (FLT-3), S = time the thread entered its status (FLT-4). */
export type SortKind = 'L' | 'S';

export const sortKindOf = (sort: SortOrder): SortKind => (sort === 'newest' || sort === 'oldest' ? 'L' : 'S');
/** Newest and Shortest read from the latest time backwards. */
export const descending = (sort: SortOrder): boolean => sort === 'newest' || sort === 'shortest';

export function sortValue(thread: ThreadSnapshot, sort: SortOrder): string {
  // Threads with no data for their status get '' : first under Longest, last under Shortest (FLT-4).
  return sortKindOf(sort) === 'L' ? (thread.lastMessageAt ?? thread.lastMessage?.at ?? '') : (thread.statusSince ?? '');
}

/** The index score of a sort value: milliseconds, 0 for none (so they sort first ascending, last descending). */
export const scoreOf = (value: string): number => {
  const ms = value ? Date.parse(value) : 0;
  return Number.isFinite(ms) ? ms : 0;
};

export interface Cursor {
  value: string;
  id: string;
}

const CURSOR = /^[0-9TZ:.+-]{0,40}\|[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.value}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  if (!CURSOR.test(decoded)) return null;
  const at = decoded.lastIndexOf('|');
  return { value: decoded.slice(0, at), id: decoded.slice(at + 1) };
}

/** List order: by the sort value, then by id so equal times have one stable order. */
export function compareRows(a: { value: string; id: string }, b: { value: string; id: string }, sort: SortOrder): number {
  const order = a.value < b.value ? -1 : a.value > b.value ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return descending(sort) ? -order : order;
}

/** Strictly after the cursor in list order, so a page never repeats the one before it. */
export function afterCursor(row: { value: string; id: string }, cursor: Cursor | null, sort: SortOrder): boolean {
  return !cursor || compareRows(row, cursor, sort) > 0;
}

/** A position in an index series: the sort score, then the contact id (Redis orders equal scores by member). */
export interface Position {
  score: number;
  id: string;
}

/** The order of positions in a list sorted `sort`: negative when `a` comes first. */
export function comparePositions(a: Position, b: Position, sort: SortOrder): number {
  const order = a.score !== b.score ? a.score - b.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return descending(sort) ? -order : order;
}
