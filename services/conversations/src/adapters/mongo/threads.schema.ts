import { withOutbox } from '@omnibox/messaging';
import { Connection, Model, Schema } from 'mongoose';
import type { ThreadState } from '../../domain/thread';

export const THREAD_MODEL = 'Thread';

/** A thread: `_id` is the contact id (one thread per contact); `version` guards read-modify-write. */
export interface ThreadDocument extends ThreadState {
  _id: string;
  version: number;
}

export type ThreadModel = Model<ThreadDocument>;

const { Mixed } = Schema.Types;

/**
 * `threads`. Times stay ISO strings, as the domain keeps them (`updatedAt` is the domain's own, so no
 * mongoose timestamps); maps and snapshots that always travel whole (the contact, identities, reads,
 * mentions, the last message) are Mixed. Thread events travel in the document (outbox).
 */
export const ThreadSchema = withOutbox(
  new Schema<ThreadDocument>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true, min: 1 },
      contactId: { type: String, required: true },
      workspaceId: { type: String, required: true },
      contact: { type: Mixed, required: true },
      identities: { type: Mixed, required: true },
      status: { type: String, required: true, enum: ['open', 'closed', 'snoozed'] },
      previousStatus: { type: String },
      statusSince: { type: String, required: true },
      snoozedUntil: { type: String },
      snoozedAt: { type: String },
      previousStatusSince: { type: String },
      assigneeId: { type: String },
      teamId: { type: String },
      collaboratorIds: { type: [String] },
      mentionedUntil: { type: Mixed, required: true },
      lastMessage: { type: Mixed },
      lastMessageAt: { type: String },
      unreplied: { type: Boolean, required: true },
      lastIncomingAt: { type: String },
      lastIncomingChannelId: { type: String },
      lastIncomingByChannel: { type: Mixed, required: true },
      incomingCount: { type: Number, required: true, min: 0 },
      reads: { type: Mixed, required: true },
      recentIncomingIds: { type: [String] },
      episode: { type: Number, required: true, min: 0 },
      deleted: { type: Boolean, required: true },
      updatedAt: { type: String, required: true },
    },
    { collection: 'threads', versionKey: false, minimize: false },
  ),
);

// Only the fields looked up by equality are indexed: FerretDB serves nothing but equality from an
// index and sorts in memory, while every index costs each write (a thread is rewritten per message).
// A sort key, or a field only an admin command filters on (the inbox rebuild by workspace), is not.
/** The snooze schedule is refilled from the snoozed threads at start (CNV-7). */
ThreadSchema.index({ status: 1 });

/** The threads model of a connection, for commands that run without the service (e.g. the inbox rebuild). */
export function threadModel(connection: Connection): ThreadModel {
  return (connection.models[THREAD_MODEL] as ThreadModel) ?? connection.model<ThreadDocument>(THREAD_MODEL, ThreadSchema);
}
