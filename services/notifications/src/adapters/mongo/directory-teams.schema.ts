import { Schema } from 'mongoose';

/** A team as notifications need it (read model of `directory.team.*`), `_id` = team id. */
export interface DirectoryTeamDoc {
  _id: string;
  workspaceId: string;
  name: string;
  memberIds: string[];
  /** When the event this state comes from happened: an older event changes nothing. */
  at: string;
}

export const DIRECTORY_TEAM_MODEL = 'NotificationsDirectoryTeam';

export const DirectoryTeamSchema = new Schema<DirectoryTeamDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    memberIds: { type: [String], required: true },
    at: { type: String, required: true },
  },
  { collection: 'notifications_directory_teams', versionKey: false },
);

// A workspace's teams are read together (kept in memory while unchanged).
DirectoryTeamSchema.index({ workspaceId: 1 });
