import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@omnibox/contracts';
import { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';
import { Batcher, InsertOutcome, insertOutcomes, registerOutboxBacklog } from '@omnibox/platform';
import { DocumentLock, KeyedLock } from './document-lock';
import { EventBus } from './event-bus';
import { envelopeOf, hasRevisionIndex, OutboxPendingModel, PENDING_COLLECTION, PendingMarker, storedEnvelopes, withOutbox } from './outbox.schema';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): the events a change
 * announces are written into the changed document itself, in the same single-document write. After the
 * write they are published and removed; if the process dies in between, the relay finds them and
 * publishes them later. JetStream drops the second publish of an event id, so a publish that happened
 * just before a crash is not delivered twice.
 *
 * Works on mongoose models whose schema has the outbox fields (`withOutbox(schema)`): `_outbox` (event
 * id → envelope as JSON text), `_outboxRev` (changes on every write that adds events, so clean-up never removes
 * events it did not publish), `_outboxAt`.
 *
 * How the relay finds them: before the write, a small marker naming the document goes into
 * `_outbox_pending`; it is removed once the events are out. The relay reads only that collection, so
 * its cost follows what is in flight, not the size of the data (a query on `_outboxAt` would scan
 * every document on engines without secondary-index support). A marker whose write never happened
 * finds no events and is simply removed.
 */
export const OUTBOX_FIELDS = { _outbox: 0, _outboxRev: 0, _outboxAt: 0 } as const;
export { PENDING_COLLECTION, withOutbox };

interface OutboxState {
  /** Envelopes as JSON text; documents written before that hold them as objects. */
  _outbox?: Record<string, string | EventEnvelope>;
  _outboxRev?: string;
  _outboxAt?: Date;
}

function outboxSet(events: EventEnvelope[], rev: string, at: Date): Record<string, unknown> {
  const set: Record<string, unknown> = { _outboxRev: rev, _outboxAt: at };
  for (const [id, text] of Object.entries(storedEnvelopes(events))) set[`_outbox.${id}`] = text;
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

// Plain documents in and out: the outbox never hydrates mongoose documents on its paths. Its own
// signatures stay loose (mongoose's query types over a generic document are very costly to check).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
type Filter = Record<string, unknown>;
type Update = { $set?: Record<string, unknown>; $unset?: Record<string, unknown>; $inc?: Record<string, number>; [operator: `$${string}`]: unknown };

export class Outbox {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Markers this process is publishing now, left to that work by the relay (a slow publish outlasted the grace, and was repeated). */
  private readonly publishing = new Set<string>();
  private readonly pending: Model<PendingMarker>;
  /**
   * FerretDB applies an update by reading the document and writing it back whole, so two updates of
   * one document at once can lose one of them; the clean-up after every publish made that routine.
   * Updates made through this outbox are therefore serialised per document: within the process by
   * default, across replicas when a Redis-backed lock is given (MessagingModule does so for services
   * that have Redis). On MongoDB itself updates are atomic and the lock only costs a round trip.
   */
  private readonly locks: DocumentLock;
  /**
   * Markers of concurrent single-document writes go in and out together: one `insertMany` for the
   * marks and one `deleteMany` for the removals of the same moment, instead of a command each. Under
   * load that is most of the outbox's engine commands; alone, a write waits for its own command only.
   */
  private readonly marking = new Batcher<PendingMarker, void>(async (_key, markers) => {
    await this.pending.insertMany(markers, { lean: true });
    return markers.map(() => undefined);
  }, 200, 2);
  private readonly unmarking = new Batcher<string, void>(async (_key, ids) => {
    // One marker by its indexed `_id`; several in one command over the small pending set.
    await (ids.length === 1 ? this.pending.deleteOne({ _id: ids[0] }) : this.pending.deleteMany({ _id: { $in: ids } })).exec();
    return ids.map(() => undefined);
  }, 200, 2);

  constructor(
    private readonly connection: Connection,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = {},
  ) {
    this.locks = options.lock ?? new KeyedLock();
    this.pending = OutboxPendingModel(connection);
    registerOutboxBacklog(() => this.pending.estimatedDocumentCount().exec());
  }

  /** Inserts a document together with the events announcing it. */
  async insert<T extends { _id: unknown }>(target: AnyModel, doc: T, events: EventEnvelope[]): Promise<void> {
    const model = this.resolve(target);
    const rev = randomUUID();
    const body: Record<string, unknown> = { ...doc };
    if (events.length > 0) {
      body._outbox = storedEnvelopes(events);
      body._outboxRev = rev;
      body._outboxAt = new Date();
      await this.mark(model, body._id, rev);
    }
    try {
      // Validated against the schema (the hot insert path, InsertBatcher, skips that).
      await model.insertMany([body]);
    } catch (error) {
      if (events.length > 0) await this.unmark(model, body._id, rev).catch(() => undefined);
      throw error;
    }
    // The events just written are known: published without reading the document back, as for a batch.
    if (events.length > 0) this.inBackground(model, this.publishWritten(model, [{ doc, events }], rev), [this.markerId(model, body._id, rev)]);
  }

  /**
   * Inserts many documents with one `insertMany`, each with the events announcing it, and answers per
   * document 'inserted', or 'duplicate' when its `_id` is taken (nothing of it written or announced).
   * The batch shares its marker write, its insert, its clean-up after the publish and its marker
   * removal. The model's schema must say `withOutbox(schema, { batchInserts: true })`.
   */
  async insertMany<T extends { _id: unknown }>(target: AnyModel, entries: Array<{ doc: T; events: EventEnvelope[] }>): Promise<InsertOutcome[]> {
    const model = this.resolve(target);
    if (!hasRevisionIndex(model)) throw new Error(`${model.modelName}: batch inserts need the index on _outboxRev; declare the schema with withOutbox(schema, { batchInserts: true })`);
    const rev = randomUUID();
    const at = new Date();
    const announcing = entries.filter((entry) => entry.events.length > 0);
    await Promise.all(announcing.map(({ doc }) => this.marking.request('', this.marker(model, doc._id, rev, at))));
    const bodies = entries.map(({ doc, events }) => (events.length ? { ...doc, _outbox: storedEnvelopes(events), _outboxRev: rev, _outboxAt: at } : doc));
    // When the insert's outcome is unknown the markers stay: the relay publishes what was written.
    const outcomes = await insertOutcomes(model, bodies);
    const written = entries.filter((entry, index) => entry.events.length > 0 && outcomes[index] === 'inserted');
    const refused = announcing.filter((entry) => !written.includes(entry)).map(({ doc }) => this.markerId(model, doc._id, rev));
    await this.removeMarkers(refused);
    if (written.length) this.inBackground(model, this.publishWritten(model, written, rev), written.map(({ doc }) => this.markerId(model, doc._id, rev)));
    const failure = outcomes.find((outcome): outcome is Error => outcome instanceof Error);
    if (failure) throw failure;
    return outcomes as InsertOutcome[];
  }

  /** Applies `update` and records `events` in the same write; answers the document after it (no outbox fields), or null, with no event, when nothing matched. */
  async update<T extends { _id: unknown }>(target: AnyModel, filter: Filter, update: Update, events: EventEnvelope[], options: { upsert?: boolean } = {}): Promise<T | null> {
    const model = this.resolve(target);
    const rev = randomUUID();
    const plain = update;
    const id = (filter as { _id?: unknown })._id;
    const oneDocument = id !== undefined && typeof id !== 'object';
    if (events.length > 0 && !oneDocument) throw new Error('outbox updates with events must select one document by its _id');
    if (events.length > 0) await this.mark(model, id, rev);
    const withEvents = events.length > 0 ? { ...plain, $set: { ...(plain.$set as object | undefined), ...outboxSet(events, rev, new Date()) } } : plain;
    // No projection here: FerretDB's findAndModify does not take one, so the fields are dropped below.
    const write = async () => (await model.findOneAndUpdate(filter, withEvents, { ...options, new: true, lean: true }).exec()) as unknown as (T & OutboxState) | null;
    const result = oneDocument ? await this.locks.run(this.documentKey(model, id), write) : await write();
    if (!result) {
      if (events.length > 0) await this.unmark(model, id, rev).catch(() => undefined);
      return null;
    }
    // The write's answer holds the events to publish (and any an earlier write left): no read back.
    if (events.length > 0) this.inBackground(model, this.publishAndClear(model, result._id, rev, result), [this.markerId(model, result._id, rev)]);
    const { _outbox, _outboxRev, _outboxAt, ...state } = result;
    return state as unknown as T;
  }

  /** Updates one document by its `_id` without events, under `update`'s lock; answers whether it matched. */
  async updateOneDocument(target: AnyModel, filter: Filter & { _id: unknown }, update: Update): Promise<boolean> {
    const model = this.resolve(target);
    const result = await this.locks.run(this.documentKey(model, filter._id), () => model.updateOne(filter, update).exec());
    return result.matchedCount === 1;
  }

  /** Waits for this process's in-flight publishes and their clean-up writes (see `locks`). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts the periodic relay; it first publishes everything left pending by an earlier process. */
  async start(): Promise<void> {
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

  /** Publishes events older than the grace period, of every document that has any. */
  sweep(graceMs = this.options.sweepGraceMs ?? 3000): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        const cutoff = new Date(Date.now() - graceMs);
        const markers = await this.pending.find({ at: { $lte: cutoff } }).limit(500).lean().exec();
        for (const marker of markers) {
          if (this.publishing.has(marker._id)) continue;
          const model = this.modelOf(marker.collection);
          if (!model) {
            this.logger.warn({ collection: marker.collection }, 'outbox marker names a collection this service has no model for; left in place');
            continue;
          }
          await this.flush(model, marker.docId, marker.rev);
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
  async flush(model: AnyModel, id: unknown, rev: string): Promise<void> {
    const doc = (await model.findById(id, { _outbox: 1, _outboxRev: 1 }).lean().exec()) as OutboxState | null;
    await this.publishAndClear(model, id, rev, doc);
  }

  /** Publishes the events `doc` holds (as read or as written), clears them unless newer ones came, and removes the marker. */
  private async publishAndClear(model: AnyModel, id: unknown, rev: string, doc: OutboxState | null): Promise<void> {
    if (!doc?._outbox) {
      await this.unmark(model, id, rev);
      return;
    }
    const events = Object.values(doc._outbox).map(envelopeOf).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    for (const event of events) await this.bus.publish(event);
    // If another write added events after ours, its revision differs and its own publish (or the
    // relay) publishes them all again; JetStream drops the ones we already published.
    await this.locks.run(this.documentKey(model, id), () =>
      model.updateOne({ _id: id, _outboxRev: doc._outboxRev ?? rev }, { $unset: { _outbox: '', _outboxRev: '', _outboxAt: '' } }).exec(),
    );
    await this.unmark(model, id, rev);
  }

  /** Publishes the events an insert or a batch insert just wrote (known: not read back), then clears them and the markers. */
  private async publishWritten(model: AnyModel, written: Array<{ doc: { _id: unknown }; events: EventEnvelope[] }>, rev: string): Promise<void> {
    const inOrder = (events: EventEnvelope[]) => [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    await Promise.all(written.map(async ({ events }) => { for (const event of inOrder(events)) await this.bus.publish(event); }));
    const ids = written.map(({ doc }) => doc._id);
    const unset = { $unset: { _outbox: '', _outboxRev: '', _outboxAt: '' } };
    // One document by its `_id`. A batch in one command selected by its revision, which only this batch
    // wrote and the `_outboxRev` index serves (FerretDB pushes no `$in` down: `{ _id: { $in } }` read
    // the whole collection per batch, most of PostgreSQL's time in the calls benchmark), under every
    // document's lock (FerretDB rewrites each matched document whole). The locks are taken in order;
    // no other writer holds one document's lock while waiting for another's.
    if (ids.length === 1) await this.locks.run(this.documentKey(model, ids[0]), () => model.updateOne({ _id: ids[0], _outboxRev: rev }, unset).exec());
    else await this.lockedTogether(ids.map((id) => this.documentKey(model, id)), () => model.updateMany({ _outboxRev: rev }, unset).exec());
    await this.removeMarkers(ids.map((id) => this.markerId(model, id, rev)));
  }

  /** Runs `task` holding the lock of every key, taken one after another in sorted order. */
  private lockedTogether<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const holding = (index: number): Promise<T> => (index === sorted.length ? task() : this.locks.run(sorted[index], () => holding(index + 1)));
    return holding(0);
  }

  /** The model of a collection, among the models of this service's connection. */
  private modelOf(collectionName: string): AnyModel | undefined {
    return Object.values(this.connection.models).find((model) => model.collection.collectionName === collectionName);
  }

  private resolve(model: AnyModel): AnyModel {
    if (!model.schema.path('_outbox')) throw new Error(`${model.modelName}: its schema lacks the outbox fields; declare it with withOutbox(schema)`);
    return model;
  }

  private documentKey(model: AnyModel, id: unknown): string {
    return `${model.collection.collectionName}|${String(id)}`;
  }

  private markerId(model: AnyModel, id: unknown, rev: string): string {
    return `${this.documentKey(model, id)}|${rev}`;
  }

  private marker(model: AnyModel, id: unknown, rev: string, at: Date): PendingMarker {
    return { _id: this.markerId(model, id, rev), collection: model.collection.collectionName, docId: id, rev, at };
  }

  private mark(model: AnyModel, id: unknown, rev: string): Promise<void> {
    return this.marking.request('', this.marker(model, id, rev, new Date()));
  }

  private unmark(model: AnyModel, id: unknown, rev: string): Promise<void> {
    return this.unmarking.request('', this.markerId(model, id, rev));
  }

  private async removeMarkers(markerIds: string[]): Promise<void> {
    await Promise.all(markerIds.map((id) => this.unmarking.request('', id)));
  }

  /** Publishing work the caller does not wait for; a failure leaves the markers for the relay. */
  private inBackground(model: AnyModel, work: Promise<void>, markerIds: string[]) {
    for (const id of markerIds) this.publishing.add(id);
    const job = work
      .catch((error) => this.logger.warn({ err: error, collection: model.collection.collectionName }, 'event publish deferred to the outbox relay'))
      .finally(() => {
        this.inFlight.delete(job);
        for (const id of markerIds) this.publishing.delete(id);
      });
    this.inFlight.add(job);
  }
}
