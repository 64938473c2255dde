import type { EventEnvelope } from '@omnibox/contracts';
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
