import { Schema } from 'mongoose';
import type { AdvancedFilter } from '../../domain/custom-filter';
import type { CustomViewSharing } from '../../domain/custom-views';

/** A saved advanced filter (INB-3), as stored. */
export interface CustomInboxDoc {
  _id: string;
  workspaceId: string;
  name: string;
  filter: AdvancedFilter;
  sharing: CustomViewSharing;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** userId → ISO time that user last refreshed the view (INB-8). */
  refreshedAt: Record<string, string>;
}

export const CUSTOM_INBOX_MODEL = 'CustomInbox';

export const CustomInboxSchema = new Schema<CustomInboxDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true, minlength: 1, maxlength: 100 },
    // Conditions are validated by the domain (FLT-5) before they are saved, and travel as a whole.
    filter: { type: Schema.Types.Mixed, required: true },
    sharing: {
      everyone: { type: Boolean, required: true },
      userIds: { type: [String], required: true },
      teamIds: { type: [String], required: true },
    },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    refreshedAt: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'custom_inboxes', versionKey: false, minimize: false },
);

// Every sidebar reads the workspace's custom views by equality on the workspace (then filters by sharing).
CustomInboxSchema.index({ workspaceId: 1 });
