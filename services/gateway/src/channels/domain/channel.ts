import type { ChannelConfig, ChannelSnapshot, ChannelType } from '@omnibox/contracts';

/** A connected channel as the gateway keeps it: what others know of it, plus its ingress secret. */
export interface Channel {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  /** Keys the ingress signature (HMAC-SHA256); shown once, at creation. */
  secret: string;
  createdBy: string;
  createdAt: Date;
}

/** The channel as other services and clients know it: never its secret. */
export function channelSnapshot(channel: Channel): ChannelSnapshot {
  return { id: channel.id, type: channel.type, name: channel.name, config: channel.config, createdAt: channel.createdAt.toISOString() };
}
