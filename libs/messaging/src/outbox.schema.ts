import type { EventEnvelope } from '@omnibox/contracts';
import { Connection, Model, Schema } from 'mongoose';

export const PENDING_COLLECTION = '_outbox_pending';

/** A document with events not yet published (see Outbox): collection, document id and write revision. */
export interface PendingMarker {
  _id: string;
  collection: string;
  docId: unknown;
  rev: string;
  at: Date;
}

/** Markers are read by age only, a few at a time; the collection holds what is in flight, so no index. */
export const PendingMarkerSchema = new Schema<PendingMarker>(
  {
    _id: { type: String, required: true },
    collection: { type: String, required: true },
    docId: { type: Schema.Types.Mixed, required: true },
    rev: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: PENDING_COLLECTION, versionKey: false, suppressReservedKeysWarning: true },
);

export function OutboxPendingModel(connection: Connection): Model<PendingMarker> {
  return (connection.models.OutboxPending as Model<PendingMarker>) ?? connection.model<PendingMarker>('OutboxPending', PendingMarkerSchema);
}

/**
 * Adds the outbox fields to a schema whose documents announce their changes through the outbox.
 * `batchInserts`: the collection is written by `Outbox.insertMany`, whose clean-up selects a batch by
 * its revision; the index on `_outboxRev` serves that (FerretDB gives it a GIN twin, tools/ferretdb).
 */
export function withOutbox<S extends Schema>(schema: S, options: { batchInserts?: boolean } = {}): S {
  schema.add({ _outbox: { type: Object }, _outboxRev: { type: String }, _outboxAt: { type: Date } });
  if (options.batchInserts) schema.index({ _outboxRev: 1 });
  return schema;
}

/** Whether a model's schema was declared with `batchInserts` (see withOutbox). */
export const hasRevisionIndex = (model: { schema: Schema }) => model.schema.indexes().some(([fields]) => Object.keys(fields).length === 1 && '_outboxRev' in fields);

/**
 * An event is stored as JSON text: its data may carry what a provider sent, kept as sent (MSG-7), and
 * MongoDB (FerretDB) refuses some JSON as a document (a key with a `.` or a leading `$`, a list directly
 * inside a list). As a document, such an event would fail the change it announces on every retry.
 */
export function storedEnvelopes(events: EventEnvelope[]): Record<string, string> {
  return Object.fromEntries(events.map((event) => [event.id, JSON.stringify(event)]));
}

/** An envelope as stored: JSON text, or an object in documents written before events were stored so. */
export function envelopeOf(value: string | EventEnvelope): EventEnvelope {
  return typeof value === 'string' ? (JSON.parse(value) as EventEnvelope) : value;
}
