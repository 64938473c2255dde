import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, conversationOf, ConversationView, ThreadSnapshot } from '@omnibox/contracts';
import { comparePositions, Cursor, descending, encodeCursor, Position, scoreOf, sortValue } from '../domain/list-order';
import { listSeries } from '../domain/list-series';
import { ListRequest, rowMatches } from '../domain/list-rules';
import { INBOX_ROWS, InboxRows } from './ports';

export interface ConversationPage {
  items: ConversationView[];
  nextCursor: string | null;
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
export class ConversationFinder {
  constructor(@Inject(INBOX_ROWS) private readonly rows: InboxRows) {}

  async page(caller: CallerScope, request: ListRequest, limit: number, cursor: Cursor | null): Promise<ConversationPage> {
    const now = new Date();
    const series = listSeries(caller, request);
    const before = (a: Position, b: Position) => comparePositions(a, b, request.sort);
    const start: Position | null = cursor ? { score: scoreOf(cursor.value), id: cursor.id } : null;
    const found: Array<{ position: Position; thread: ThreadSnapshot }> = [];
    const checked = new Set<string>();
    let position = start;
    let batch = limit + 1;
    let more = false;

    for (let round = 0; found.length <= limit; round++) {
      if (round === MAX_ROUNDS) {
        // A very selective filter: answer what was found with a cursor where reading stopped.
        more = true;
        break;
      }
      // The next entries of each series from the position (inclusive of its score: equal scores are
      // then cut by id below), and their rows, in one round trip.
      const read = await this.rows.read(series, position, batch, descending(request.sort));
      let horizon: Position | null = null; // past it, a truncated series may hold entries not read yet
      const candidates = new Map<string, Position>();
      for (const entries of read.entries) {
        if (entries.length === batch) {
          const last = entries[entries.length - 1];
          if (!horizon || before(last, horizon) < 0) horizon = last;
        }
        for (const entry of entries) if (!position || before(position, entry) < 0) candidates.set(entry.id, entry);
      }
      const fresh = [...candidates.values()].filter((entry) => (!horizon || before(entry, horizon) <= 0) && !checked.has(entry.id)).sort(before);
      for (const entry of fresh) {
        const row = read.row(entry.id);
        if (!row) {
          checked.add(entry.id);
          continue;
        }
        // A row is listed where its snapshot places it. Rows are read with their series in one step,
        // so that is where its entry is; should the two ever differ, it is listed once that place is
        // read (past the horizon it will be met again, under its new score).
        const at = { score: scoreOf(sortValue(row.thread, request.sort)), id: entry.id };
        if (horizon && before(horizon, at) < 0) continue;
        checked.add(entry.id);
        if (start && !(before(start, at) < 0)) continue;
        if (rowMatches(caller, request, row, now)) found.push({ position: at, thread: row.thread });
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
