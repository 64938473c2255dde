import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';
import type { WorkspaceSettings } from '../../domain/settings';

export const SETTINGS_MODEL = 'WorkspaceSettings';

/** A workspace's settings (`_id` = workspace id); a workspace that never changed them has none (defaults). */
export interface SettingsDocument extends WorkspaceSettings {
  _id: string;
  updatedAt: string;
}

export type SettingsModel = Model<SettingsDocument>;

/** `workspace_settings`: its changes are announced (`calls.settings.updated`) from the document (outbox). */
export const SettingsSchema = withOutbox(
  new Schema<SettingsDocument>(
    {
      _id: { type: String, required: true },
      timezone: { type: String, required: true },
      calls: { type: Schema.Types.Mixed, required: true },
      updatedAt: { type: String, required: true },
    },
    { collection: 'workspace_settings', versionKey: false, minimize: false },
  ),
);
// Read by workspace id only: no index besides `_id`.
