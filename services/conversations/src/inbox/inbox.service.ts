import { Injectable } from '@nestjs/common';
import { CallerScope, conversationOf, ThreadSnapshot } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import {
  Cursor,
  decodeCursor,
  descending,
  encodeCursor,
  listStatus,
  ListRequest,
  listRequestProblem,
  queryScopes,
  rowMatches,
  scoreOf,
  seriesOf,
  sortKindOf,
  sortValue,
} from './domain/inbox-list';
import { InboxStore, seriesKey } from './inbox.store';

export interface InboxPage {
  items: Array<ReturnType<typeof conversationOf>>;
  nextCursor: string | null;
}

/** A position in a list: the sort score, then the contact id (Redis orders equal scores by member). */
interface Position {
  score: number;
  id: string;
}

const MAX_ROUNDS = 12;

/**
 * The conversation list of a view: the one finder of every list rule. Reads the next entries of the
 * series the view and the caller's visibility allow (VIS-2/3 inside the query), merges them in list
 * order, checks each row against every rule (`rowMatches`), and stops once a page is full. Keyset
 * pagination on (sort time, contact id): a thread that stays put is never skipped nor repeated; one
 * that moves is shown where it is when its page is read.
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
    const series = [...new Set(queryScopes(caller, request))].map((scope) => seriesKey(seriesOf(caller.workspaceId, blocked, scope, listStatus(request), sortKindOf(request.sort))));
    const before = (a: Position, b: Position) => {
      const order = a.score !== b.score ? a.score - b.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return desc ? -order : order;
    };
    const redis = this.store.redis.redis;
    const found: Array<{ position: Position; thread: ThreadSnapshot }> = [];
    const checked = new Set<string>();
    let position: Position | null = cursor ? { score: scoreOf(cursor.value), id: cursor.id } : null;
    let batch = limit + 1;
    let more = false;

    for (let round = 0; found.length <= limit; round++) {
      if (round === MAX_ROUNDS) {
        // A very selective filter: answer what was found with a cursor where reading stopped.
        more = true;
        break;
      }
      // The next entries of each series from the position (inclusive of its score: equal scores are
      // then cut by id below).
      const pipeline = redis.pipeline();
      for (const key of series) {
        if (desc) pipeline.zrevrangebyscore(key, position ? position.score : '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, batch);
        else pipeline.zrangebyscore(key, position ? position.score : '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, batch);
      }
      const answers = (await pipeline.exec()) ?? [];
      let horizon: Position | null = null; // past it, a truncated series may hold entries not read yet
      const candidates = new Map<string, Position>();
      for (const [error, flat] of answers) {
        if (error) throw error;
        const values = flat as string[];
        const entries: Position[] = [];
        for (let i = 0; i < values.length; i += 2) entries.push({ id: values[i], score: Number(values[i + 1]) });
        if (entries.length === batch) {
          const last = entries[entries.length - 1];
          if (!horizon || before(last, horizon) < 0) horizon = last;
        }
        for (const entry of entries) if (!position || before(position, entry) < 0) candidates.set(entry.id, entry);
      }
      const ordered = [...candidates.values()].filter((entry) => !horizon || before(entry, horizon) <= 0).sort(before);
      const fresh = ordered.filter((entry) => !checked.has(entry.id));
      if (fresh.length) {
        const rows = await this.store.rows(fresh.map((entry) => entry.id));
        fresh.forEach((entry, i) => {
          const row = rows[i];
          if (!row) return checked.add(entry.id);
          // The row may have moved since the series was read: it is listed where it is now, once that
          // place is read (past the horizon it will be met again, under its new score).
          const at = { score: scoreOf(sortValue(row.thread, request.sort)), id: entry.id };
          if (horizon && before(horizon, at) < 0) return;
          checked.add(entry.id);
          if (cursor && !(before({ score: scoreOf(cursor.value), id: cursor.id }, at) < 0)) return;
          if (rowMatches(caller, request, row, now)) found.push({ position: at, thread: row.thread });
        });
      }
      if (!horizon) break;
      position = horizon;
      batch = Math.min(batch * 2, 2000);
    }
    found.sort((a, b) => before(a.position, b.position));
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    let nextCursor: string | null = null;
    if (found.length > limit && last) nextCursor = encodeCursor({ value: sortValue(last.thread, request.sort), id: last.position.id });
    else if (more && position) nextCursor = encodeCursor({ value: position.score ? new Date(position.score).toISOString() : '', id: position.id });
    return { items: page.map((entry) => conversationOf(entry.thread, caller.principalId)), nextCursor };
  }
}
