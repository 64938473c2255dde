import type { TimelineItem } from '@omnibox/contracts';
import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';
import type { DeliveryTarget } from '../../application/ports';

export const TIMELINE_MODEL = 'TimelineEntry';

/**
 * One entry of a thread's timeline: a message, a comment or an event (CNV-9), in one collection so the
 * timeline is one query. `item` is the entry as clients and events see it.
 */
export interface TimelineDocument {
  _id: string;
  workspaceId: string;
  contactId: string;
  kind: TimelineItem['kind'];
  at: string;
  visible: boolean;
  channelId?: string;
  providerMessageId?: string;
  delivery?: DeliveryTarget;
  emailMessageId?: string;
  item: TimelineItem;
  /** A message's raw provider payload (MSG-7) as JSON text; `item.payload` is then null. */
  payloadJson?: string;
}

export type TimelineModel = Model<TimelineDocument>;

/**
 * `timeline`. `at` (the sort key, newest first) stays an ISO string; `item` and `delivery` travel
 * whole (Mixed), except a message's raw payload, kept as JSON text (`payloadJson`). Outgoing messages
 * carry the events that hand them to delivery (outbox).
 */
export const TimelineSchema = withOutbox(
  new Schema<TimelineDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      contactId: { type: String, required: true },
      kind: { type: String, required: true, enum: ['message', 'comment', 'event'] },
      at: { type: String, required: true },
      visible: { type: Boolean, required: true },
      channelId: { type: String },
      providerMessageId: { type: String },
      delivery: { type: Schema.Types.Mixed },
      emailMessageId: { type: String },
      item: { type: Schema.Types.Mixed, required: true },
      payloadJson: { type: String },
    },
    { collection: 'timeline', versionKey: false, minimize: false },
  ),
);

// Only equality lookups are indexed (FerretDB sorts in memory; every index costs each insert, and an
// ingested message is an insert). The timeline page sorts a contact's entries, found by contactId.
/** A thread's timeline, merges (CON-3) and timeline pages (CNV-9). */
TimelineSchema.index({ contactId: 1 });
/** MSG-2: provider status reports name the id the provider answered; MSG-4 replies may too. */
TimelineSchema.index({ providerMessageId: 1 });
/** MSG-8: an e-mail reply names the Message-ID it answers. */
TimelineSchema.index({ emailMessageId: 1 });
