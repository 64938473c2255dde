import { Schema } from 'mongoose';
import type { NotificationSettings } from '../../domain/settings';

/** A user's notification settings (only users who changed them have one), `_id` = user id. */
export interface NotificationSettingsDoc {
  _id: string;
  workspaceId: string;
  kinds: NotificationSettings['kinds'];
  pushWhenOnline: boolean;
  updatedAt: string;
}

export const NOTIFICATION_SETTINGS_MODEL = 'NotificationSettings';

export const NotificationSettingsSchema = new Schema<NotificationSettingsDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    kinds: { type: Schema.Types.Mixed, required: true },
    pushWhenOnline: { type: Boolean, required: true },
    updatedAt: { type: String, required: true },
  },
  { collection: 'notification_settings', versionKey: false, minimize: false },
);

// Every event reads the settings of its workspace's users together (kept in memory while unchanged).
NotificationSettingsSchema.index({ workspaceId: 1 });
