import { Schema } from 'mongoose';
import type { Restriction, Role } from '@omnibox/contracts';

/** A workspace user as notifications need them (read model of `directory.user.*`), `_id` = user id. */
export interface DirectoryUserDoc {
  _id: string;
  workspaceId: string;
  name: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
  /** When the event this state comes from happened: an older event changes nothing. */
  at: string;
}

export const DIRECTORY_USER_MODEL = 'NotificationsDirectoryUser';

export const DirectoryUserSchema = new Schema<DirectoryUserDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, default: '' },
    role: { type: String, required: true, enum: ['owner', 'manager', 'agent'] },
    restriction: { type: String, required: true, enum: ['none', 'team', 'self'] },
    canViewBlocked: { type: Boolean, required: true },
    at: { type: String, required: true },
  },
  { collection: 'notifications_directory_users', versionKey: false },
);

// A workspace's users are read together (kept in memory while unchanged).
DirectoryUserSchema.index({ workspaceId: 1 });
