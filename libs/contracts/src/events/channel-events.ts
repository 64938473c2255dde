import { defineEvent } from './envelope';

/** Channels, owned by the gateway's directory: what other services know of a connected channel. */

export const CHANNEL_TYPES = ['whatsapp', 'messenger', 'instagram', 'telegram', 'line', 'tiktok', 'sms', 'email', 'webchat', 'api'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * Which adapter carries a channel's messages (CHN-1): `http`, the generic one (signed ingress in,
 * `outboundUrl` out), or the provider's own API: WhatsApp Cloud API, Telegram Bot API, e-mail over SMTP.
 */
export const CHANNEL_ADAPTERS = ['http', 'whatsapp_cloud', 'telegram_bot', 'smtp'] as const;
export type ChannelAdapterKind = (typeof CHANNEL_ADAPTERS)[number];

/** An e-mail channel's relay (never its password, which travels sealed with the credentials). */
export interface SmtpRelay {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the relay offers it. */
  secure: boolean;
  user: string | null;
}

export interface ChannelConfig {
  outboundUrl: string | null;
  /** MSG-3: free-form messages only within this many hours after the contact's last message; null: no window. */
  messagingWindowHours: number | null;
  supportsReplyContext: boolean;
  supportsLinkPreview: boolean;
  supportsTyping: boolean;
  /** Absent on channels announced before the provider adapters existed, which are all `http`. */
  adapter?: ChannelAdapterKind;
  /** WhatsApp Cloud API: the business phone number's id and the Graph API version. */
  phoneNumberId?: string;
  apiVersion?: string;
  /** WhatsApp and Telegram: where the provider's API is (its public one unless a test or a proxy says otherwise). */
  apiBaseUrl?: string;
  /** E-mail over SMTP: the channel's own address (mail to it is received) and the relay it sends through. */
  address?: string;
  smtp?: SmtpRelay;
}

/** The adapter of a channel (`http` for channels announced before the provider adapters existed). */
export function adapterOf(config: ChannelConfig): ChannelAdapterKind {
  return config.adapter ?? 'http';
}

/** A connected channel as other services know it (never its ingress secret). */
export interface ChannelSnapshot {
  id: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  createdAt: string;
  /**
   * The provider credentials (tokens, app secret, SMTP password), sealed for the services that use
   * them (`SecretSeal`, bound to the channel id); never shown to clients. Null: none.
   */
  credentials?: string | null;
}

export const ChannelCreated = defineEvent<{ channel: ChannelSnapshot }>('directory.channel.created');
export const ChannelUpdated = defineEvent<{ channel: ChannelSnapshot }>('directory.channel.updated');
