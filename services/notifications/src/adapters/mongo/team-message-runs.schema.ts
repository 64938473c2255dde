import { Schema } from 'mongoose';
import type { RunMember } from '../../domain/coalescing';
import type { RunHead } from '../../domain/notification';

/** The open team_message run of a thread (domain/coalescing.ts), `_id` = the thread's contact id. */
export interface TeamMessageRunDoc {
  _id: string;
  workspaceId: string;
  teamId: string;
  head: RunHead;
  attached: Record<string, RunMember>;
  lastEventId: string;
  lastCreated: string[];
}

export const TEAM_MESSAGE_RUN_MODEL = 'TeamMessageRun';

export const TeamMessageRunSchema = new Schema<TeamMessageRunDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    teamId: { type: String, required: true },
    head: { type: Schema.Types.Mixed, required: true },
    // Keyed by user id; `minimize: false` keeps it when empty.
    attached: { type: Schema.Types.Mixed, required: true },
    lastEventId: { type: String, required: true },
    lastCreated: { type: [String], required: true },
  },
  // Read and written by `_id` only: no other index.
  { collection: 'team_message_runs', versionKey: false, minimize: false },
);
