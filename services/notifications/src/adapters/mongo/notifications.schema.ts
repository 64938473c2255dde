import { Schema } from 'mongoose';
import { NOTIFICATION_KINDS, NotificationKind } from '@omnibox/contracts';
import type { ThreadFacts } from '../../domain/recipients';

/** One notification of one user (domain/notification.ts), `_id` = its id (derived from the event and the user). */
export interface NotificationDoc {
  _id: string;
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  contactId: string | null;
  callId: string | null;
  actorId: string | null;
  title: string;
  body: string;
  base: number;
  lastCount: number;
  read: boolean;
  /** ISO times, as the domain and API.md use them (they sort as strings). */
  createdAt: string;
  updatedAt: string;
  thread: ThreadFacts;
  threadAt: string;
  run: string | null;
}

export const NOTIFICATION_MODEL = 'Notification';

export const NotificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
    contactId: { type: String, default: null },
    callId: { type: String, default: null },
    actorId: { type: String, default: null },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    base: { type: Number, required: true },
    lastCount: { type: Number, required: true },
    read: { type: Boolean, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    // Travels as a whole: replaced when the thread's access changes.
    thread: { type: Schema.Types.Mixed, required: true },
    threadAt: { type: String, required: true },
    run: { type: String, default: null },
  },
  { collection: 'notifications', versionKey: false, minimize: false },
);

// A user's centre (list, unread count, read-all) is read by equality on the user.
NotificationSchema.index({ userId: 1 });
// A thread's notifications move together: its access changes, its run ends, a user reads it.
NotificationSchema.index({ contactId: 1 });
