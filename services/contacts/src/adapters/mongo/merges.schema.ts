import type { ChannelIdentityRef } from '@omnibox/contracts';
import { Schema } from 'mongoose';
import type { ContactDocument } from './contacts.schema';

/**
 * Progress of one merge (CON-3), as stored in `merges`; `_id` is `<workspace>|<merged-away contact>`,
 * so a contact is merged at most once. Read by id only: no secondary index.
 */
export interface MergeDocument {
  _id: string;
  workspaceId: string;
  sourceId: string;
  targetId: string;
  state: 'started' | 'done';
  /** The merged-away contact as it was stored when the merge began. */
  source: ContactDocument;
  channels: ChannelIdentityRef[];
  startedAt: Date;
  finishedAt?: Date;
}

export const MERGE_MODEL = 'Merge';

export const MergeSchema = new Schema<MergeDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    sourceId: { type: String, required: true },
    targetId: { type: String, required: true },
    state: { type: String, required: true, enum: ['started', 'done'] },
    // Snapshots kept whole: the source contact and the channels it had.
    source: { type: Schema.Types.Mixed, required: true },
    channels: { type: Schema.Types.Mixed, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date },
  },
  { collection: 'merges', versionKey: false, minimize: false },
);

export const mergeKey = (workspaceId: string, sourceId: string) => `${workspaceId}|${sourceId}`;
