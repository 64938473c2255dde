import { Schema } from 'mongoose';

/**
 * A (channel, external id) pair that reaches a contact, as stored in `channel_identities`. `_id` is
 * the pair itself (`<workspace>|<channel>|<external id>`), so a pair is claimed at most once.
 */
export interface ChannelIdentityDocument {
  _id: string;
  workspaceId: string;
  channelId: string;
  type: string;
  externalId: string;
  contactId: string;
  createdAt: Date;
}

export const CHANNEL_IDENTITY_MODEL = 'ChannelIdentity';

export const ChannelIdentitySchema = new Schema<ChannelIdentityDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    channelId: { type: String, required: true },
    type: { type: String, required: true },
    externalId: { type: String, required: true },
    contactId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'channel_identities', versionKey: false },
);

// A contact's channels (CON-4), and the ones a merge moves or a delete frees.
ChannelIdentitySchema.index({ workspaceId: 1, contactId: 1 });

export const identityKey = (workspaceId: string, channelId: string, externalId: string) => `${workspaceId}|${channelId}|${externalId}`;
