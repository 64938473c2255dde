import type { EventEnvelope } from '@omnibox/contracts';
import { IndexEvents, INDEXED_EVENT_TYPES } from './index-events';
import type { EventLog, IndexAdmin, IndexNames, IndexWriter, Log } from './ports';

export interface RebuildReport {
  /** Indexed events replayed (other event types are skipped). */
  events: number;
  seconds: number;
  /** The indexes the aliases point at now, and the ones they left (deleted unless kept). */
  indexes: IndexNames;
  previous: IndexNames;
}

/** How many catch-up rounds run before the switch, at most. */
const ROUNDS = 5;
const ATTEMPTS = 10;

/**
 * Rebuilds every index from the event stream, with no downtime:
 * 1. fresh indexes are created from the current templates (the aliases still serve the old ones,
 *    and the running service keeps writing to them);
 * 2. the stream is replayed into them from its first event, then again from where that stopped
 *    until the gap is small;
 * 3. both aliases switch to the fresh indexes in one atomic step;
 * 4. the events that arrived meanwhile are replayed once more (indexing is idempotent, so events the
 *    running service also wrote are harmless), and the old indexes are deleted (unless kept).
 * The stream's retention bounds what a replay can restore.
 */
export class RebuildIndexes {
  constructor(
    private readonly admin: IndexAdmin,
    private readonly log: EventLog,
    /** A writer of the given (fresh) indexes. */
    private readonly writerFor: (indexes: IndexNames) => IndexWriter,
    private readonly logger: Log,
    private readonly batchSize = 1000,
  ) {}

  async execute(options: { keepPrevious?: boolean } = {}): Promise<RebuildReport> {
    const started = Date.now();
    await this.admin.ensure();
    const fresh = await this.admin.createFresh();
    const indexing = new IndexEvents(this.writerFor(fresh));
    this.logger.info({ indexes: fresh }, 'rebuild: replaying the event stream into fresh indexes');
    let events = 0;
    let next = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const head = await this.log.head();
      if (head < next) break;
      events += await this.replay(indexing, next, head);
      next = head + 1;
      if ((await this.log.head()) - head < this.batchSize) break;
    }
    const previous = await this.admin.switchTo(fresh);
    this.logger.info({ indexes: fresh, previous }, 'rebuild: aliases switched');
    const head = await this.log.head();
    if (head >= next) events += await this.replay(indexing, next, head);
    if (!options.keepPrevious) {
      for (const index of Object.values(previous)) if (!Object.values(fresh).includes(index)) await this.admin.remove(index);
    }
    return { events, seconds: (Date.now() - started) / 1000, indexes: fresh, previous };
  }

  private replay(indexing: IndexEvents, from: number, to: number): Promise<number> {
    return this.log.replay({ from, to }, INDEXED_EVENT_TYPES, this.batchSize, (events) => this.apply(indexing, events));
  }

  /** A batch that fails is retried with back-off; an event refused for good is logged and skipped. */
  private async apply(indexing: IndexEvents, events: EventEnvelope[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const failures = await indexing.execute(events);
        for (const failure of failures) this.logger.error({ failure }, 'rebuild: an event could not be indexed');
        return;
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
        this.logger.warn({ err: error, attempt }, 'rebuild: indexing failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }
}
