import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';

export const BROADCAST_MODEL = 'Broadcast';

/** An accepted broadcast (API.md `POST /v1/broadcasts`): who it goes to and who sent it. */
export interface BroadcastDocument {
  _id: string;
  workspaceId: string;
  contactIds: string[];
  createdBy: string;
  createdAt: Date;
}

export type BroadcastModel = Model<BroadcastDocument>;

/**
 * `broadcasts`: written once, with the event that makes the broadcast worker send it (outbox); never
 * queried, so no index beyond `_id`.
 */
export const BroadcastSchema = withOutbox(
  new Schema<BroadcastDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      contactIds: { type: [String], required: true },
      createdBy: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'broadcasts', versionKey: false, minimize: false },
  ),
);
