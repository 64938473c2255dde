import { Schema } from 'mongoose';
import type { RowAttributes } from '../../domain/list-rules';

/** Contact attributes for advanced filters (FLT-5), one document per contact (`_id` = contact id). */
export interface ContactAttributesDoc {
  _id: string;
  workspaceId: string;
  attrs: RowAttributes;
}

export const CONTACT_ATTRIBUTES_MODEL = 'InboxContactAttributes';

/**
 * Written by contact events, read by `_id` when a row has no attributes yet (a new thread, a rebuild):
 * no secondary index, since nothing looks them up otherwise and every index costs each write.
 */
export const ContactAttributesSchema = new Schema<ContactAttributesDoc>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    // The attributes travel and are replaced as a whole; customFields keys are the workspace's own.
    attrs: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'inbox_contact_attributes', versionKey: false, minimize: false },
);
