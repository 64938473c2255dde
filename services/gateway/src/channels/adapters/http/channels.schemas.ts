import { apiSchema, boolean, integer, nullable, object, oneOfValues, pageOf, string, time } from '../../../openapi/api-schemas';
import { CHANNEL_TYPES } from '@omnibox/contracts';

/** API.md "Channels": a channel as listed (never its secrets), and as created (with the ingress secret, this once). */

/** What the channel can do; provider channels add their own settings, secrets never shown. */
const config = {
  type: 'object',
  properties: {
    outboundUrl: nullable(string({ format: 'uri' })),
    messagingWindowHours: nullable(integer({ minimum: 0 })),
    supportsReplyContext: boolean,
    supportsLinkPreview: boolean,
    supportsTyping: boolean,
  },
};

const channelFields = { id: string(), type: oneOfValues(CHANNEL_TYPES), name: string(), config, createdAt: time };

export const Channel = apiSchema('Channel', object(channelFields));
export const ChannelPage = pageOf('Channel', Channel);
export const ChannelCreated = apiSchema('ChannelCreated', object({ ...channelFields, secret: string({ description: 'Keys X-Channel-Signature; shown in this answer only' }) }));
