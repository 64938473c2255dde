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
