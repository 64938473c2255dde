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
