import { CallerScope, canSeeThread, ThreadSnapshot } from '@omnibox/contracts';
import { AdvancedFilter, matchesFilter } from './custom-filter';
import { InboxView, placementOf, viewHoldsThread } from './inbox-views';
import { SORT_ORDERS, SortOrder, STATUS_FILTERS, StatusFilter } from './list-order';

/**
 * The rules every row of a conversation list passes (INB-1…4, FLT-1…6, VIS-2/3): the one place that
 * decides whether a thread is listed, whatever series it was read from.
 */

/** Contact attributes FLT-5 filters look at, kept on the row from contact events. */
export interface RowAttributes {
  tags: string[];
  language: string | null;
  countryCode: string | null;
  customFields: Record<string, unknown>;
}

export const NO_ATTRIBUTES: RowAttributes = { tags: [], language: null, countryCode: null, customFields: {} };

/** A thread's row as lists read it: the thread as events carry it, and its contact's attributes. */
export interface InboxRow {
  workspaceId: string;
  thread: ThreadSnapshot;
  attrs: RowAttributes | null;
}

export interface ListRequest {
  view: InboxView;
  /** Members of the view's team (team views), from the directory. */
  memberIds: string[];
  status: StatusFilter;
  sort: SortOrder;
  unreplied: boolean;
  filter: AdvancedFilter | null;
}

/** Every rule of the list for one row: view, visibility, status, unreplied, advanced filter. */
export function rowMatches(caller: CallerScope, request: ListRequest, row: InboxRow, now: Date = new Date()): boolean {
  const thread = row.thread;
  if (row.workspaceId !== caller.workspaceId) return false;
  const placement = placementOf(thread);
  if (!viewHoldsThread(request.view, placement, caller.principalId, () => request.memberIds)) return false;
  if (!canSeeThread(caller, placement, now)) return false;
  // FLT-6: snoozed threads only under All and Snoozed (the status key already says so).
  if (request.status !== 'all' && thread.status !== request.status) return false;
  if (request.unreplied && !thread.unreplied) return false;
  if (request.filter) {
    const attrs = row.attrs ?? NO_ATTRIBUTES;
    const subject = {
      status: thread.status,
      assigneeId: thread.assigneeId,
      teamId: thread.teamId,
      channelId: thread.lastIncomingChannelId,
      tags: attrs.tags,
      language: attrs.language,
      countryCode: attrs.countryCode,
      unreplied: thread.unreplied,
      lastMessageAt: thread.lastMessageAt,
      customFields: attrs.customFields,
    };
    if (!matchesFilter(subject, request.filter)) return false;
  }
  return true;
}

/** FLT-1/4: the refusals of a list request, as {field, message}. */
export function listRequestProblem(input: { status: string; sort: string; view: InboxView }): { field: string; message: string } | null {
  if (!(STATUS_FILTERS as string[]).includes(input.status)) return { field: 'status', message: `must be one of ${STATUS_FILTERS.join(', ')}` };
  if (!(SORT_ORDERS as string[]).includes(input.sort)) return { field: 'sort', message: `must be one of ${SORT_ORDERS.join(', ')}` };
  if (input.view.kind === 'blocked' && input.status !== 'all') return { field: 'status', message: 'is fixed to all in the blocked view (INB-4)' };
  if ((input.sort === 'longest' || input.sort === 'shortest') && input.status === 'all') {
    return { field: 'sort', message: `${input.sort} sorts by time in one status: choose status open, closed or snoozed (FLT-4)` };
  }
  return null;
}
