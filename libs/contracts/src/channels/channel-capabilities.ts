import type { ChannelConfig, ChannelType } from '../events/channel-events';

/**
 * What each channel type can do until its real provider adapter exists. A channel's own config
 * (API.md `POST /v1/channels` config) overrides these.
 */
const DEFAULTS: Record<ChannelType, Pick<ChannelConfig, 'messagingWindowHours' | 'supportsReplyContext' | 'supportsLinkPreview' | 'supportsTyping'>> = {
  whatsapp: { messagingWindowHours: 24, supportsReplyContext: true, supportsLinkPreview: true, supportsTyping: true },
  messenger: { messagingWindowHours: 24, supportsReplyContext: false, supportsLinkPreview: true, supportsTyping: true },
  instagram: { messagingWindowHours: 24, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: true },
  telegram: { messagingWindowHours: null, supportsReplyContext: true, supportsLinkPreview: true, supportsTyping: true },
  line: { messagingWindowHours: null, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: false },
  tiktok: { messagingWindowHours: 48, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: false },
  sms: { messagingWindowHours: null, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: false },
  email: { messagingWindowHours: null, supportsReplyContext: false, supportsLinkPreview: false, supportsTyping: false },
  webchat: { messagingWindowHours: null, supportsReplyContext: true, supportsLinkPreview: true, supportsTyping: true },
  api: { messagingWindowHours: null, supportsReplyContext: true, supportsLinkPreview: true, supportsTyping: true },
};

/** The provider settings a channel connected to its provider's API keeps (CHN-1); never its secrets. */
const PROVIDER_FIELDS = ['phoneNumberId', 'apiVersion', 'apiBaseUrl', 'address', 'smtp'] as const;

/**
 * A channel's effective capabilities: its own config over its type's defaults, with the adapter that
 * carries it (`http` unless it is connected to its provider's API) and that adapter's settings.
 */
export function channelConfig(type: ChannelType, given: Partial<ChannelConfig> = {}): ChannelConfig {
  const base = DEFAULTS[type];
  const provider: Partial<ChannelConfig> = {};
  for (const field of PROVIDER_FIELDS) if (given[field] !== undefined) Object.assign(provider, { [field]: given[field] });
  return {
    outboundUrl: given.outboundUrl ?? null,
    // 0 turns the window off for a channel whose type has one by default.
    messagingWindowHours: given.messagingWindowHours === undefined ? base.messagingWindowHours : given.messagingWindowHours || null,
    supportsReplyContext: given.supportsReplyContext ?? base.supportsReplyContext,
    supportsLinkPreview: given.supportsLinkPreview ?? base.supportsLinkPreview,
    supportsTyping: given.supportsTyping ?? base.supportsTyping,
    adapter: given.adapter ?? 'http',
    ...provider,
  };
}

