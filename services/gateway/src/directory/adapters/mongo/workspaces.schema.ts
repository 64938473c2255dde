import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';

/** A workspace as stored in `workspaces`; read by its id only, so no index beyond `_id`. */
export interface WorkspaceDocument {
  _id: string;
  name: string;
  ownerId: string;
  createdAt?: Date;
}

export const WORKSPACE_MODEL = 'Workspace';

export const WorkspaceSchema = withOutbox(
  new Schema<WorkspaceDocument>(
    {
      _id: { type: String, required: true },
      name: { type: String, required: true, trim: true, maxlength: 100 },
      ownerId: { type: String, required: true },
    },
    { collection: 'workspaces', versionKey: false, minimize: false, timestamps: { createdAt: true, updatedAt: false } },
  ),
);
