import { Injectable } from '@nestjs/common';
import { CallerScope, conversationOf } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import {
  afterCursor,
  compareRows,
  Cursor,
  bucketMs,
  bucketOf,
  decodeCursor,
  descending,
  encodeCursor,
  InboxRow,
  listStatus,
  ListRequest,
  listRequestProblem,
  queryScopes,
  rowMatches,
  seriesOf,
  sortKindOf,
  sortValue,
} from './domain/inbox-list';
import { daysKey, InboxStore } from './inbox.store';

/** Days fetched per series at a time, and days read at once. */
const DAY_BATCH = 32;
const PARALLEL_DAYS = 4;
const MAX_PARALLEL = 16;

export interface InboxPage {
  items: Array<ReturnType<typeof conversationOf>>;
  nextCursor: string | null;
}

/**
 * The conversation list of a view (the one finder of every list rule). Reads, day by day in list
 * order, the rows of the index keys the view and the caller's visibility allow, checks each row
 * against every rule, and stops once a page is full: keyset pagination on (sort time, contact id).
 */
@Injectable()
export class InboxService {
  constructor(private readonly store: InboxStore) {}

  async list(caller: CallerScope, request: ListRequest, limit: number, cursorText?: string): Promise<InboxPage> {
    const problem = listRequestProblem({ status: request.status, sort: request.sort, view: request.view });
    if (problem) throw invalidInput(problem.field, problem.message);
    let cursor: Cursor | null = null;
    if (cursorText) {
      cursor = decodeCursor(cursorText);
      if (!cursor) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
    }
    const now = new Date();
    const desc = descending(request.sort);
    const blocked = request.view.kind === 'blocked';
    const scopes = queryScopes(caller, request);
    const series = scopes.map((scope) => seriesOf(caller.workspaceId, blocked, scope, listStatus(request), sortKindOf(request.sort)));
    const size = bucketMs(scopes[0]);
    const found = new Map<string, { value: string; id: string; row: InboxRow }>();
    // Scan boundary (inclusive): the cursor's day, or everything.
    let from: number | null = cursor ? bucketOf(cursor.value, size) : null;
    let exclusive = false;
    let read = 0;

    for (;;) {
      // The next days of every series, merged; days past the last one of a truncated series are unknown yet.
      const pipeline = this.store.redis.redis.pipeline();
      for (const key of series) {
        const start = from === null ? (desc ? '+inf' : '-inf') : exclusive ? `(${from}` : String(from);
        if (desc) pipeline.zrevrangebyscore(daysKey(key), start, '-inf', 'LIMIT', 0, DAY_BATCH);
        else pipeline.zrangebyscore(daysKey(key), start, '+inf', 'LIMIT', 0, DAY_BATCH);
      }
      const results = (await pipeline.exec()) ?? [];
      const daysBySeries = results.map(([error, days]) => {
        if (error) throw error;
        return (days as string[]).map(Number);
      });
      let limitDay: number | null = null;
      daysBySeries.forEach((days) => {
        if (days.length === DAY_BATCH) {
          const last = days[days.length - 1];
          limitDay = limitDay === null ? last : desc ? Math.max(limitDay, last) : Math.min(limitDay, last);
        }
      });
      const days = [...new Set(daysBySeries.flat())]
        .filter((day) => limitDay === null || (desc ? day >= limitDay : day <= limitDay))
        .sort((a, b) => (desc ? b - a : a - b));
      if (days.length === 0) break;

      // Read a few buckets at once; as many more as the rows found so far say a page still needs.
      for (let i = 0, step = PARALLEL_DAYS; i < days.length; i += step) {
        if (read > 0) step = Math.min(MAX_PARALLEL, Math.max(1, Math.ceil((limit + 1 - found.size) / Math.max(0.5, found.size / read))));
        const chunk = days.slice(i, i + step);
        read += chunk.length;
        const reads: Array<Promise<InboxRow[]>> = [];
        for (const day of chunk) {
          daysBySeries.forEach((seriesDays, index) => {
            if (!seriesDays.includes(day)) return;
            const filter: Record<string, unknown> = { keys: `${series[index]}${day}` };
            if (request.unreplied) filter['thread.unreplied'] = true;
            reads.push(this.store.rows.find(filter, { projection: { keys: 0 } }).toArray());
          });
        }
        for (const rows of await Promise.all(reads)) {
          for (const row of rows) {
            if (found.has(row._id) || !row.thread) continue;
            const entry = { value: sortValue(row.thread, request.sort), id: row._id, row };
            if (!afterCursor(entry, cursor, request.sort) || !rowMatches(caller, request, row, now)) continue;
            found.set(row._id, entry);
          }
        }
        if (found.size > limit) return this.page(found, limit, request, caller);
      }
      from = days[days.length - 1];
      exclusive = true;
      if (limitDay === null) break;
    }
    return this.page(found, limit, request, caller);
  }

  private page(found: Map<string, { value: string; id: string; row: InboxRow }>, limit: number, request: ListRequest, caller: CallerScope): InboxPage {
    const ordered = [...found.values()].sort((a, b) => compareRows(a, b, request.sort));
    const page = ordered.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((entry) => conversationOf(entry.row.thread!, caller.principalId)),
      nextCursor: ordered.length > limit && last ? encodeCursor({ value: last.value, id: last.id }) : null,
    };
  }
}
