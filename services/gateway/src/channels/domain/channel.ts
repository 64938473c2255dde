import type { ChannelConfig, ChannelSnapshot, ChannelType } from '@omnibox/contracts';

/** A connected channel as the gateway keeps it: what others know of it, plus its ingress secret. */
export interface Channel {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelConfig;
  /** Keys the ingress signature (HMAC-SHA256); shown once, at creation (and at each rotation). */
  secret: string;
  /** The provider credentials, sealed (see `ChannelSnapshot.credentials`); null for `http` channels. */
  credentials: string | null;
  createdBy: string;
  createdAt: Date;
}

/** The channel as other services know it: never its ingress secret; its credentials only sealed. */
export function channelSnapshot(channel: Channel): ChannelSnapshot {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    config: channel.config,
    createdAt: channel.createdAt.toISOString(),
    ...(channel.credentials ? { credentials: channel.credentials } : {}),
  };
}

/** The channel as clients see it (API.md): its settings, never a secret, sealed or not. */
export function channelView(channel: ChannelSnapshot): Omit<ChannelSnapshot, 'credentials'> {
  const { credentials: _sealed, ...view } = channel;
  return view;
}
