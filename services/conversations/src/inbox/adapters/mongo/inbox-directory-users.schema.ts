import { Schema } from 'mongoose';
import type { Restriction, Role } from '@omnibox/contracts';

/** A workspace user as the inbox needs them (read model of `directory.user.*`), `_id` = user id. */
export interface DirectoryUserDoc {
  _id: string;
  workspaceId: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
  /** When the event this state comes from happened: an older event changes nothing. */
  at: string;
}

export const DIRECTORY_USER_MODEL = 'InboxDirectoryUser';

export const DirectoryUserSchema = new Schema<DirectoryUserDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    role: { type: String, required: true, enum: ['owner', 'manager', 'agent'] },
    restriction: { type: String, required: true, enum: ['none', 'team', 'self'] },
    canViewBlocked: { type: Boolean, required: true },
    at: { type: String, required: true },
  },
  { collection: 'inbox_directory_users', versionKey: false },
);

// A workspace's users are read together (dots, sharing checks) by equality on the workspace.
DirectoryUserSchema.index({ workspaceId: 1 });
