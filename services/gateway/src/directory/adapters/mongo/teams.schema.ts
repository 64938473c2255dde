import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';

/** A team as stored in `teams`. */
export interface TeamDocument {
  _id: string;
  workspaceId: string;
  name: string;
  /** the name as teams are compared (domain/team.ts `teamNameKey`), for the unique index */
  nameKey: string;
  memberIds: string[];
  createdAt?: Date;
  updatedAt?: Date;
}

export const TEAM_MODEL = 'Team';

export const TeamSchema = withOutbox(
  new Schema<TeamDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      name: { type: String, required: true, maxlength: 100 },
      nameKey: { type: String, required: true, maxlength: 100 },
      memberIds: { type: [String], default: [] },
    },
    { collection: 'teams', versionKey: false, minimize: false, timestamps: true },
  ),
);

// Correctness, not speed: team names are unique in a workspace whatever their case; two creations
// racing for one name are told apart only by this index.
TeamSchema.index({ workspaceId: 1, nameKey: 1 }, { unique: true });
// The teams of a user, read on every sign-in resolution (the caller's team ids, VIS-2 teammates).
TeamSchema.index({ workspaceId: 1, memberIds: 1 });
