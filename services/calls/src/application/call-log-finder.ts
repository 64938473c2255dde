import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CallLogRow, listSeries, LogQuery, rowMatches, StatusGroup } from '../domain/call-log';
import { comparePositions, encodeCursor, Position } from '../domain/call-log-order';
import { CALL_LOG, CallLog } from './ports';

/** Rounds of series reads before a very selective page is answered short, with a cursor where reading stopped. */
const MAX_ROUNDS = 12;

/**
 * The one finder of every call log rule (CAL-1 tabs, CAL-4 views): reads the next entries of the series
 * the tab or view and the caller's visibility allow (VIS inside the query), merges them newest first,
 * checks each row against every rule, and stops once a page is full. Keyset pagination on (start time,
 * call id): a call that stays put is never skipped nor repeated.
 */
@Injectable()
export class CallLogFinder {
  constructor(@Inject(CALL_LOG) private readonly log: CallLog) {}

  async page(caller: CallerScope, query: LogQuery, status: StatusGroup | null, limit: number, cursor: Position | null): Promise<{ rows: CallLogRow[]; nextCursor: string | null }> {
    const now = new Date();
    const series = listSeries(caller, query, status);
    const found: Array<{ position: Position; row: CallLogRow }> = [];
    const checked = new Set<string>();
    let position = cursor;
    let batch = limit + 1;
    let more = false;
    for (let round = 0; found.length <= limit; round++) {
      if (round === MAX_ROUNDS) {
        more = true;
        break;
      }
      const answers = await this.log.next(series, position, batch);
      // Past the horizon, a series that answered a full batch may hold entries not read yet.
      let horizon: Position | null = null;
      const candidates = new Map<string, Position>();
      for (const entries of answers) {
        const last = entries[entries.length - 1];
        if (entries.length === batch && (!horizon || comparePositions(last, horizon) < 0)) horizon = last;
        for (const entry of entries) if (!position || comparePositions(position, entry) < 0) candidates.set(entry.id, entry);
      }
      const fresh = [...candidates.values()].filter((entry) => (!horizon || comparePositions(entry, horizon) <= 0) && !checked.has(entry.id)).sort(comparePositions);
      const rows = fresh.length ? await this.log.rows(fresh.map((entry) => entry.id)) : [];
      fresh.forEach((entry, i) => {
        const row = rows[i];
        if (!row) return checked.add(entry.id);
        // A call whose start moved is listed where it is now, once that place is read.
        const at = { score: Date.parse(row.call.startedAt), id: entry.id };
        if (horizon && comparePositions(horizon, at) < 0) return;
        checked.add(entry.id);
        if (cursor && comparePositions(cursor, at) >= 0) return;
        if (rowMatches(caller, query, status, row, now)) found.push({ position: at, row });
      });
      if (!horizon) break;
      position = horizon;
      batch = Math.min(batch * 2, 2000);
    }
    found.sort((a, b) => comparePositions(a.position, b.position));
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = found.length > limit && last ? encodeCursor(last.position) : more && position ? encodeCursor(position) : null;
    return { rows: page.map((entry) => entry.row), nextCursor };
  }
}
