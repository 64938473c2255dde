import type { ChannelConfig, ChannelCredentials, ChannelType } from '@omnibox/contracts';

/** What `POST /v1/channels` may give in `config` to connect a channel to its provider's API (API.md "Provider webhooks"). */
export interface ProviderConfigInput {
  outboundUrl?: string;
  phoneNumberId?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
  apiBaseUrl?: string;
  apiVersion?: string;
  botToken?: string;
  address?: string;
  smtp?: { host: string; port: number; secure?: boolean; user?: string; password?: string };
}

/** The settings every service may know, and the secrets that travel only sealed. */
export interface ProviderConnection {
  config: Pick<ChannelConfig, 'adapter' | 'phoneNumberId' | 'apiVersion' | 'apiBaseUrl' | 'address' | 'smtp'>;
  credentials: ChannelCredentials | null;
}

export interface ConfigProblem {
  field: string;
  message: string;
}

/** The providers' public APIs, where `apiBaseUrl` points unless given. */
export const PUBLIC_APIS = { whatsapp: 'https://graph.facebook.com', telegram: 'https://api.telegram.org' } as const;
/** The Graph API version a WhatsApp channel calls unless given. */
export const GRAPH_API_VERSION = 'v23.0';

const WHATSAPP = ['phoneNumberId', 'accessToken', 'appSecret', 'verifyToken'] as const;
const OWNERS: Record<string, ChannelType[]> = {
  phoneNumberId: ['whatsapp'],
  accessToken: ['whatsapp'],
  appSecret: ['whatsapp'],
  verifyToken: ['whatsapp'],
  apiVersion: ['whatsapp'],
  apiBaseUrl: ['whatsapp', 'telegram'],
  botToken: ['telegram'],
  address: ['email'],
  smtp: ['email'],
};

const given = (input: ProviderConfigInput, field: keyof ProviderConfigInput) => input[field] !== undefined && input[field] !== null;
const base = (url: string | undefined, fallback: string) => (url ?? fallback).replace(/\/+$/, '');

/**
 * CHN-1: which adapter a new channel uses. A WhatsApp channel with its Cloud API settings, a Telegram
 * channel with a bot token, an e-mail channel with an address and a relay speak their provider's own
 * format; without them a channel stays on the generic HTTP adapter (`outboundUrl`). Settings of another
 * provider, half a connection, or a connection beside an `outboundUrl` are refused naming the field.
 */
export function providerConnection(type: ChannelType, input: ProviderConfigInput): ProviderConnection | ConfigProblem {
  for (const field of Object.keys(OWNERS) as Array<keyof ProviderConfigInput>) {
    if (given(input, field) && !OWNERS[field].includes(type)) return { field: `config.${field}`, message: `is a setting of ${OWNERS[field].join(' and ')} channels, not ${type}` };
  }
  const connected = WHATSAPP.some((field) => given(input, field)) || given(input, 'botToken') || given(input, 'address') || given(input, 'smtp');
  if (!connected) {
    const stray = (['apiBaseUrl', 'apiVersion'] as const).find((field) => given(input, field));
    if (stray) return { field: `config.${stray}`, message: `needs the provider's credentials (${type === 'telegram' ? 'botToken' : WHATSAPP.join(', ')})` };
    return { config: { adapter: 'http' }, credentials: null };
  }
  if (given(input, 'outboundUrl')) return { field: 'config.outboundUrl', message: `is for channels without a provider connection; this ${type} channel talks to its provider's API` };
  if (type === 'whatsapp') {
    const missing = WHATSAPP.find((field) => !given(input, field));
    if (missing) return { field: `config.${missing}`, message: `is required to connect the WhatsApp Cloud API (${WHATSAPP.join(', ')})` };
    return {
      config: { adapter: 'whatsapp_cloud', phoneNumberId: input.phoneNumberId, apiVersion: input.apiVersion ?? GRAPH_API_VERSION, apiBaseUrl: base(input.apiBaseUrl, PUBLIC_APIS.whatsapp) },
      credentials: { kind: 'whatsapp_cloud', accessToken: input.accessToken!, appSecret: input.appSecret!, verifyToken: input.verifyToken! },
    };
  }
  if (type === 'telegram') return { config: { adapter: 'telegram_bot', apiBaseUrl: base(input.apiBaseUrl, PUBLIC_APIS.telegram) }, credentials: { kind: 'telegram_bot', botToken: input.botToken! } };
  if (!input.address) return { field: 'config.address', message: 'is required with config.smtp: the address mail to this channel is sent to' };
  if (!input.smtp) return { field: 'config.smtp', message: 'is required with config.address: the relay that sends this channel\'s mail ({host, port, secure, user?, password?})' };
  const { host, port, secure, user, password } = input.smtp;
  return {
    config: { adapter: 'smtp', address: input.address.trim().toLowerCase(), smtp: { host, port, secure: secure ?? port === 465, user: user ?? null } },
    credentials: { kind: 'smtp', password: password ?? null },
  };
}
