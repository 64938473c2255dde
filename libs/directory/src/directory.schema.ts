import type { Restriction, Role } from '@omnibox/contracts';
import { Schema } from 'mongoose';

/** A workspace user (read model of `directory.user.*`), `_id` = user id. */
export interface DirectoryUserDoc {
  _id: string;
  workspaceId: string;
  name?: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
  /** When the event this state comes from happened: an older event changes nothing. */
  at: string;
}

/** A team (read model of `directory.team.*`), `_id` = team id. */
export interface DirectoryTeamDoc {
  _id: string;
  workspaceId: string;
  name: string;
  memberIds: string[];
  at: string;
}

export const DIRECTORY_USER_MODEL = 'DirectoryUser';
export const DIRECTORY_TEAM_MODEL = 'DirectoryTeam';

export const DirectoryUserSchema = new Schema<DirectoryUserDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String },
    role: { type: String, required: true, enum: ['owner', 'manager', 'agent'] },
    restriction: { type: String, required: true, enum: ['none', 'team', 'self'] },
    canViewBlocked: { type: Boolean, required: true },
    at: { type: String, required: true },
  },
  { collection: 'directory_users', versionKey: false },
);
// A workspace's users are read together, by equality on the workspace.
DirectoryUserSchema.index({ workspaceId: 1 });

export const DirectoryTeamSchema = new Schema<DirectoryTeamDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    memberIds: { type: [String], required: true },
    at: { type: String, required: true },
  },
  { collection: 'directory_teams', versionKey: false },
);
// A workspace's teams are read together, by equality on the workspace.
DirectoryTeamSchema.index({ workspaceId: 1 });
