import { CHANNEL_TYPES, ChannelConfig, ChannelType } from '@omnibox/contracts';
import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';

/** A channel as stored in `channels`. */
export interface ChannelDocument {
  _id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  secret: string;
  /** Sealed provider credentials (libs/platform SecretSeal); null for `http` channels. */
  credentials: string | null;
  createdBy: string;
  /** Part of the channel's snapshot (its events carry it), so set with the channel, not by the schema. */
  createdAt: Date;
}

export const CHANNEL_MODEL = 'Channel';

export const ChannelSchema = withOutbox(
  new Schema<ChannelDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      type: { type: String, required: true, enum: [...CHANNEL_TYPES] },
      name: { type: String, required: true, maxlength: 100 },
      // Travels whole in the channel's snapshot (ChannelConfig in libs/contracts).
      config: { type: Schema.Types.Mixed, required: true },
      secret: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
      credentials: { type: String, default: null, match: /^v1\./ },
      createdBy: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'channels', versionKey: false, minimize: false },
  ),
);

// A workspace's channels (GET /v1/channels, the channel switcher); ingress reads a channel by `_id`.
ChannelSchema.index({ workspaceId: 1 });
// The SMTP listener finds an e-mail channel by the address mail was sent to (and creation refuses a taken one).
ChannelSchema.index({ 'config.address': 1 });
