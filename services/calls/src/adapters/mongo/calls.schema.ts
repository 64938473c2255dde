import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';
import type { CallState } from '../../domain/call';

export const CALL_MODEL = 'Call';

/** A call: `_id` is the call id; `version` guards read-modify-write. */
export interface CallDocument extends Omit<CallState, 'id'> {
  _id: string;
  version: number;
}

export type CallModel = Model<CallDocument>;

const { Mixed } = Schema.Types;

/**
 * `calls`, one document per provider call (or call an agent placed). Times stay ISO strings, as the
 * domain keeps them; snapshots that travel whole (contact, recording, transcript, access) are Mixed.
 * Call events travel in the document (outbox), which also serialises writers of one call.
 */
export const CallSchema = withOutbox(
  new Schema<CallDocument>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true, min: 1 },
      workspaceId: { type: String, required: true },
      channelId: { type: String, required: true },
      channelType: { type: String, required: true },
      providerCallId: { type: String },
      contactId: { type: String, required: true },
      contact: { type: Mixed, required: true },
      externalId: { type: String, required: true },
      direction: { type: String, required: true, enum: ['incoming', 'outgoing'] },
      status: { type: String, required: true, enum: ['ringing', 'ongoing', 'ended', 'missed', 'rejected', 'failed'] },
      startedAt: { type: String, required: true },
      answeredAt: { type: String },
      endedAt: { type: String },
      endReason: { type: String, enum: ['completed', 'max_duration', 'missed', 'rejected', 'failed', 'unanswered'] },
      durationSeconds: { type: Number, required: true, min: 0 },
      answeredBy: { type: String },
      maxDurationSeconds: { type: Number, required: true, min: 1 },
      recording: { type: Mixed, required: true },
      transcript: { type: Mixed },
      access: { type: Mixed, required: true },
      blocked: { type: Boolean, required: true },
      deleted: { type: Boolean, required: true },
      appliedEventIds: { type: [String] },
      updatedAt: { type: String, required: true },
    },
    { collection: 'calls', versionKey: false, minimize: false },
  ),
  { batchInserts: true },
);

// Only equality lookups are indexed: FerretDB serves nothing else from an index and sorts in memory,
// and every index costs every write (a call is written a few times in its life). Lists are read from
// the call log's ordered series in Redis, not from here.
/** A contact's calls: activity (CAL-5), and keeping calls in step with the contact's access and details. */
CallSchema.index({ contactId: 1 });
/** A provider event naming a call we placed by the provider's id. */
CallSchema.index({ providerCallId: 1 });
/** CAL-2: the maximum-duration poller reads the ringing and the ongoing calls. */
CallSchema.index({ status: 1 });
