import { Schema } from 'mongoose';

/** A browser's Web Push subscription, `_id` derived from the workspace and the endpoint (one per browser). */
export interface PushSubscriptionDoc {
  _id: string;
  workspaceId: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  userAgent: string | null;
  createdAt: string;
}

export const PUSH_SUBSCRIPTION_MODEL = 'PushSubscription';

export const PushSubscriptionSchema = new Schema<PushSubscriptionDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    endpoint: { type: String, required: true },
    keys: { type: Schema.Types.Mixed, required: true },
    userAgent: { type: String, default: null },
    createdAt: { type: String, required: true },
  },
  { collection: 'push_subscriptions', versionKey: false },
);

// Every event reads the subscriptions of its workspace's users together (kept in memory while unchanged).
PushSubscriptionSchema.index({ workspaceId: 1 });
