import type { CallerScope, NotificationSnapshot } from '@omnibox/contracts';
import type { Notification } from './notification';
import { maySee } from './recipients';

/**
 * NTF-1 / VIS-4: the centre of one user. It shows only notifications about threads the user may still
 * see (with the latest access known of each thread), newest first by their latest change (a coalesced
 * one moves up as it grows), in pages with a keyset cursor on (time, id): an entry that does not change
 * is never skipped nor repeated; one that changes is shown where it is when its page is read.
 */
export function visibleTo(caller: CallerScope, notification: Pick<Notification, 'thread'>, at: Date = new Date()): boolean {
  return maySee(caller, notification.thread, at);
}

export function newestFirst(a: NotificationSnapshot, b: NotificationSnapshot): number {
  return b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);
}

export function encodeCursor(item: Pick<NotificationSnapshot, 'updatedAt' | 'id'>): string {
  return Buffer.from(`${item.updatedAt}|${item.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { updatedAt: string; id: string } | null {
  const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return updatedAt && id && !Number.isNaN(Date.parse(updatedAt)) ? { updatedAt, id } : null;
}

/** One page of a user's visible notifications, sorted here (newest first). */
export function pageOf(items: NotificationSnapshot[], limit: number, after: { updatedAt: string; id: string } | null): { items: NotificationSnapshot[]; nextCursor: string | null } {
  const sorted = [...items].sort(newestFirst);
  const start = after ? sorted.filter((item) => newestFirst(item, { ...item, ...after }) > 0) : sorted;
  const page = start.slice(0, limit);
  return { items: page, nextCursor: start.length > limit ? encodeCursor(page[page.length - 1]) : null };
}
