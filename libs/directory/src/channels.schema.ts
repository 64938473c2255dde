import { CHANNEL_TYPES, ChannelConfig, ChannelType } from '@omnibox/contracts';
import { Model, Schema } from 'mongoose';

export const CHANNEL_MODEL = 'Channel';

/** A workspace's channel as a service knows it (read model of the directory's channels; never its secret). */
export interface ChannelDocument {
  /** The channel id the directory gave it. */
  _id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  createdAt: string;
  /** The provider credentials, sealed as the directory announced them (opened only by the adapter using them). */
  credentials?: string | null;
}

export type ChannelModel = Model<ChannelDocument>;

/** `channels`: filled from `directory.channel.*` events and the snapshot every provider event carries. */
export const ChannelSchema = new Schema<ChannelDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    type: { type: String, required: true, enum: CHANNEL_TYPES },
    name: { type: String, required: true },
    config: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    credentials: { type: String, default: null },
  },
  { collection: 'channels', versionKey: false, minimize: false },
);

/** A send or an outgoing call lists its workspace's channels: a handful per workspace, sorted in memory. */
ChannelSchema.index({ workspaceId: 1 });
