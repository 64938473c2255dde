import type { TeamMembers, ThreadPlacement } from './inbox-views';
import { InboxView, viewHoldsThread } from './inbox-views';

/**
 * INB-5 open counts come from per-workspace buckets of open threads keyed by (team, assignee), so a
 * view's count is a small sum whatever the number of threads. A thread not counted has the empty
 * bucket; blocked threads are counted apart (they exist only in the blocked view, INB-4).
 */
export const BLOCKED_BUCKET = 'x';

export function countBucketOf(thread: ThreadPlacement): string {
  if (thread.deleted) return '';
  if (thread.blocked) return BLOCKED_BUCKET;
  if (!thread.listed || thread.status !== 'open') return '';
  return `o:${thread.teamId ?? ''}|${thread.assigneeId ?? ''}`;
}

export function parseCountBucket(bucket: string): { teamId: string | null; assigneeId: string | null } | null {
  if (!bucket.startsWith('o:')) return null;
  const [teamId, assigneeId] = bucket.slice(2).split('|');
  return { teamId: teamId || null, assigneeId: assigneeId || null };
}

/** The placement of an open, listed thread in a bucket, to ask `viewHoldsThread` about it. */
export function placementOfBucket(bucket: string): ThreadPlacement | null {
  const parsed = parseCountBucket(bucket);
  if (!parsed) return null;
  return { ...parsed, collaboratorIds: [], mentionedUntil: {}, status: 'open', blocked: false, deleted: false, listed: true };
}

/**
 * INB-5: open threads in a standard or team view. Every thread of a view the caller may open is
 * visible to them (a `team` agent opens only Mine and their own teams' views), so the count needs no
 * per-thread visibility.
 */
export function openCount(view: InboxView, buckets: Record<string, number>, userId: string, members: TeamMembers): number {
  return openCounter(buckets)(view, userId, members);
}

/**
 * `openCount` for many views over the same buckets (a sidebar): each bucket is parsed once, not once
 * per view (a workspace has a bucket per team and assignee, and a sidebar a count per view).
 */
export function openCounter(buckets: Record<string, number>): (view: InboxView, userId: string, members: TeamMembers) => number {
  const open: Array<{ placement: ThreadPlacement; count: number }> = [];
  for (const [bucket, count] of Object.entries(buckets)) {
    const placement = count > 0 ? placementOfBucket(bucket) : null;
    if (placement) open.push({ placement, count });
  }
  return (view, userId, members) => {
    let total = 0;
    for (const { placement, count } of open) if (viewHoldsThread(view, placement, userId, members)) total += count;
    return total;
  };
}

/** INB-4: how many blocked contacts' threads there are (the blocked view is offered while there is one). */
export const blockedCount = (buckets: Record<string, number>): number => Math.max(0, buckets[BLOCKED_BUCKET] ?? 0);
