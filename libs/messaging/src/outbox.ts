import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@omnibox/contracts';
import { Collection, Db, Document, Filter, FindOneAndUpdateOptions, UpdateFilter, WithId } from 'mongodb';
import type { Logger } from 'pino';
import { DocumentLock, KeyedLock } from './document-lock';
import { EventBus } from './event-bus';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): the events a change
 * announces are written into the changed document itself, in the same single-document write. After the
 * write they are published and removed; if the process dies in between, the relay finds them and
 * publishes them later. JetStream drops the second publish of an event id, so a publish that happened
 * just before a crash is not delivered twice.
 *
 * Fields added to a document: `_outbox` (event id → envelope), `_outboxRev` (changes on every write
 * that adds events, so clean-up never removes events it did not publish), `_outboxAt`.
 *
 * How the relay finds them: before the write, a small marker naming the document goes into
 * `_outbox_pending`; it is removed once the events are out. The relay reads only that collection, so
 * its cost follows what is in flight, not the size of the data (a query on `_outboxAt` would scan
 * every document on engines without secondary-index support). A marker whose write never happened
 * finds no events and is simply removed.
 */
export const OUTBOX_FIELDS = { _outbox: 0, _outboxRev: 0, _outboxAt: 0 } as const;
export const PENDING_COLLECTION = '_outbox_pending';

interface OutboxState {
  _outbox?: Record<string, EventEnvelope>;
  _outboxRev?: string;
  _outboxAt?: Date;
}

interface PendingMarker {
  _id: string;
  collection: string;
  docId: unknown;
  rev: string;
  at: Date;
}

function outboxSet(events: EventEnvelope[], rev: string, at: Date): Record<string, unknown> {
  const set: Record<string, unknown> = { _outboxRev: rev, _outboxAt: at };
  for (const event of events) set[`_outbox.${event.id}`] = event;
  return set;
}

export interface OutboxOptions {
  /** How often the relay looks for events left behind by a crash or an unreachable NATS. */
  sweepIntervalMs?: number;
  /** Only events older than this are swept, so the relay does not race the normal publish path. */
  sweepGraceMs?: number;
  /** Serialises updates of one document; default: within this process only (see `locks`). */
  lock?: DocumentLock;
}

export class Outbox {
  private readonly collections = new Set<string>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * FerretDB applies an update by reading the document and writing it back whole, so two updates of
   * one document at once can lose one of them; the clean-up after every publish made that routine.
   * Updates made through this outbox are therefore serialised per document: within the process by
   * default, across replicas when a Redis-backed lock is given (MessagingModule does so for services
   * that have Redis). On MongoDB itself updates are atomic and the lock only costs a round trip.
   */
  private readonly locks: DocumentLock;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = {},
  ) {
    this.locks = options.lock ?? new KeyedLock();
  }

  /** Inserts a document together with the events announcing it. */
  async insert<T extends Document>(collectionName: string, doc: T, events: EventEnvelope[]): Promise<void> {
    const collection = this.collection(collectionName);
    const rev = randomUUID();
    const body: Record<string, unknown> = { ...doc };
    if (events.length > 0) {
      body._outbox = Object.fromEntries(events.map((event) => [event.id, event]));
      body._outboxRev = rev;
      body._outboxAt = new Date();
      await this.mark(collectionName, body._id, rev);
    }
    try {
      await collection.insertOne(body);
    } catch (error) {
      if (events.length > 0) await this.unmark(collectionName, body._id, rev).catch(() => undefined);
      throw error;
    }
    if (events.length > 0) this.flushInBackground(collectionName, body._id, rev);
  }

  /**
   * Applies `update` to one document and records `events` in the same write. Answers the document
   * after the update (without outbox fields), or null when the filter matched nothing, in which case
   * no event is recorded.
   */
  async update<T extends Document>(
    collectionName: string,
    filter: Filter<T>,
    update: UpdateFilter<T>,
    events: EventEnvelope[],
    options: FindOneAndUpdateOptions = {},
  ): Promise<WithId<T> | null> {
    const collection = this.collection(collectionName);
    const rev = randomUUID();
    const plain = update as UpdateFilter<Document>;
    const id = (filter as { _id?: unknown })._id;
    const oneDocument = id !== undefined && typeof id !== 'object';
    if (events.length > 0 && !oneDocument) throw new Error('outbox updates with events must select one document by its _id');
    if (events.length > 0) await this.mark(collectionName, id, rev);
    const withEvents: UpdateFilter<Document> =
      events.length > 0 ? { ...plain, $set: { ...(plain.$set as object | undefined), ...outboxSet(events, rev, new Date()) } } : plain;
    // No projection here: FerretDB's findAndModify does not take one, so the fields are dropped below.
    const write = () => collection.findOneAndUpdate(filter as Filter<Document>, withEvents, { ...options, returnDocument: 'after' });
    const result = oneDocument ? await this.locks.run(this.documentKey(collectionName, id), write) : await write();
    if (!result) {
      if (events.length > 0) await this.unmark(collectionName, id, rev).catch(() => undefined);
      return null;
    }
    if (events.length > 0) this.flushInBackground(collectionName, result._id, rev);
    const { _outbox, _outboxRev, _outboxAt, ...state } = result as WithId<Document> & OutboxState;
    return state as WithId<T>;
  }

  /**
   * Updates one document (selected by its `_id`) without recording events, under the same
   * per-document lock as `update`; answers whether it matched. Cheaper than `update` on FerretDB,
   * for writers that publish their events themselves and know the resulting document.
   */
  async updateOneDocument<T extends Document>(collectionName: string, filter: Filter<T> & { _id: unknown }, update: UpdateFilter<T>): Promise<boolean> {
    const collection = this.collection(collectionName);
    const result = await this.locks.run(this.documentKey(collectionName, filter._id), () => collection.updateOne(filter as Filter<Document>, update as UpdateFilter<Document>));
    return result.matchedCount === 1;
  }

  /**
   * Waits for this process's in-flight publishes (and their clean-up writes), e.g. before bulk updates
   * that must not interleave with them on FerretDB (see `locks`).
   */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Makes the relay watch a collection (done automatically by `insert` and `update`). */
  register(collectionName: string): Collection<Document> {
    return this.collection(collectionName);
  }

  /** Starts the periodic relay; it first publishes everything left pending by an earlier process. */
  async start(collectionNames: string[] = []): Promise<void> {
    for (const name of collectionNames) this.collection(name);
    await this.sweep(0);
    const interval = this.options.sweepIntervalMs ?? 2000;
    this.timer = setInterval(() => void this.sweep(), interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Publishes events older than the grace period in every watched collection. */
  sweep(graceMs = this.options.sweepGraceMs ?? 3000): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        const cutoff = new Date(Date.now() - graceMs);
        const markers = await this.pending().find({ at: { $lte: cutoff } }).limit(500).toArray();
        for (const marker of markers) {
          this.collection(marker.collection);
          await this.flush(marker.collection, marker.docId, marker.rev);
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox sweep failed; will retry');
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Publishes a document's pending events, then removes them unless newer events arrived meanwhile. */
  async flush(collectionName: string, id: unknown, rev: string): Promise<void> {
    const collection = this.db.collection<OutboxState>(collectionName);
    const doc = await collection.findOne({ _id: id } as Filter<OutboxState>, { projection: { _outbox: 1, _outboxRev: 1 } });
    if (!doc?._outbox) {
      await this.unmark(collectionName, id, rev);
      return;
    }
    const events = Object.values(doc._outbox).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    for (const event of events) await this.bus.publish(event);
    // If another write added events after we read, its revision differs and its own flush (or the
    // relay) publishes them all again; JetStream drops the ones we already published.
    await this.locks.run(this.documentKey(collectionName, id), () =>
      collection.updateOne({ _id: id, _outboxRev: doc._outboxRev ?? rev } as Filter<OutboxState>, {
        $unset: { _outbox: '', _outboxRev: '', _outboxAt: '' },
      }),
    );
    await this.unmark(collectionName, id, rev);
  }

  private pending(): Collection<PendingMarker> {
    return this.db.collection<PendingMarker>(PENDING_COLLECTION);
  }

  private documentKey(collectionName: string, id: unknown): string {
    return `${collectionName}|${String(id)}`;
  }

  private markerId(collectionName: string, id: unknown, rev: string): string {
    return `${this.documentKey(collectionName, id)}|${rev}`;
  }

  private async mark(collectionName: string, id: unknown, rev: string): Promise<void> {
    await this.pending().insertOne({ _id: this.markerId(collectionName, id, rev), collection: collectionName, docId: id, rev, at: new Date() });
  }

  private async unmark(collectionName: string, id: unknown, rev: string): Promise<void> {
    await this.pending().deleteOne({ _id: this.markerId(collectionName, id, rev) });
  }

  private flushInBackground(collectionName: string, id: unknown, rev: string) {
    const job = this.flush(collectionName, id, rev)
      .catch((error) => this.logger.warn({ err: error, collection: collectionName }, 'event publish deferred to the outbox relay'))
      .finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  private collection(name: string): Collection<Document> {
    this.collections.add(name);
    return this.db.collection(name);
  }
}
