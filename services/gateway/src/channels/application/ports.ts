import type { ChannelAdapterKind, ChannelCredentials, EventEnvelope, ProviderEvent } from '@omnibox/contracts';
import type { Channel } from '../domain/channel';

export interface ChannelRepository {
  nextId(): string;
  insert(channel: Channel, events: EventEnvelope[]): Promise<void>;
  /**
   * The channel with this id, or null; ingress reads it for every provider event, so the answer may
   * be up to a few seconds old.
   */
  byId(id: string): Promise<Channel | null>;
  /** The workspace's channels in creation order, from a copy at most `maxAgeMs` old (0: read now). */
  ofWorkspace(workspaceId: string, maxAgeMs?: number): Promise<Channel[]>;
  /** The e-mail channel with this address (lower case), from a copy a few seconds old at most. */
  byAddress(address: string): Promise<Channel | null>;
  /** A new ingress secret (rotation); the old one is refused from now on (other replicas: within seconds). */
  replaceSecret(id: string, secret: string): Promise<void>;
}
export const CHANNELS = Symbol('CHANNELS');

/**
 * Where accepted provider events are stored durably before the 202 (JetStream), for the
 * conversations service to process; fails with 503 when they cannot be.
 */
export interface ProviderEventLog {
  append(event: EventEnvelope): Promise<void>;
}
export const PROVIDER_EVENT_LOG = Symbol('PROVIDER_EVENT_LOG');

/** Provider events a channel may send per second (rate limit across replicas; 429 past it). */
export interface IngressThrottle {
  ingress(channelId: string): Promise<void>;
}
export const INGRESS_THROTTLE = Symbol('INGRESS_THROTTLE');

/** Channel credentials sealed for storage and events, opened only here and by the adapters using them. */
export interface CredentialsVault {
  seal(channelId: string, credentials: ChannelCredentials): string;
  /** The channel's credentials, or null when it has none (or they no longer open: a dropped key). */
  open(channel: Channel): ChannelCredentials | null;
}
export const CREDENTIALS_VAULT = Symbol('CREDENTIALS_VAULT');

/** A provider's webhook request as it arrived: the raw body is what signatures cover. */
export interface WebhookRequest {
  rawBody: Buffer | undefined;
  body: unknown;
  header(name: string): string | undefined;
}

/** A provider's own webhook format (CHN-1): who may post, and what the body means. */
export interface ProviderWebhook {
  /** Whether the request comes from the provider: its signature, or the secret token it was given. */
  authentic(channel: Channel, credentials: ChannelCredentials, request: WebhookRequest): boolean;
  /** The provider events the body carries, in order (none for notices we do not use); 400 naming the field when malformed. */
  events(channel: Channel, body: unknown): ProviderEvent[];
  /** The `GET` verification answer (WhatsApp), or null when the provider's check fails or it has none. */
  challenge(credentials: ChannelCredentials, query: Record<string, unknown>): string | null;
}
export interface ProviderWebhooks {
  of(adapter: ChannelAdapterKind): ProviderWebhook | null;
}
export const PROVIDER_WEBHOOKS = Symbol('PROVIDER_WEBHOOKS');

/** Telegram's `setWebhook`: tells the bot where its updates go and the secret token they carry. */
export interface BotWebhookRegistry {
  /** 422 with the provider's words when it refuses, 503 when it cannot be reached. */
  register(channel: Channel, credentials: ChannelCredentials, secretToken: string): Promise<void>;
}
export const BOT_WEBHOOK_REGISTRY = Symbol('BOT_WEBHOOK_REGISTRY');
