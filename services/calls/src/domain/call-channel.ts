import type { ChannelSnapshot, ChannelType } from '@omnibox/contracts';

/**
 * Which channel an outgoing call (or a permission request) goes out on. Calls go over WhatsApp (its
 * calling API) and the generic `api` channel; the contact must be known on the channel, which is
 * where the provider reaches them.
 */
export const CALL_CHANNEL_TYPES: ChannelType[] = ['whatsapp', 'api'];

export interface Identity {
  channelId: string;
  externalId: string;
}

export type CallChannelChoice =
  | { ok: true; channel: ChannelSnapshot; externalId: string }
  | { ok: false; field: 'channelId'; message: string }
  | { ok: false; refused: string; message: string };

/**
 * The channel named, or else the one of the contact's latest call, or else the contact's first
 * call-capable channel (in the order channels were created).
 */
export function pickCallChannel(input: { named: string | null; channels: ChannelSnapshot[]; identities: Identity[]; latestCallChannelId: string | null }): CallChannelChoice {
  const capable = (channel: ChannelSnapshot) => CALL_CHANNEL_TYPES.includes(channel.type);
  const identityOn = (channelId: string) => input.identities.find((identity) => identity.channelId === channelId);
  if (input.named) {
    const channel = input.channels.find((entry) => entry.id === input.named);
    if (!channel) return { ok: false, field: 'channelId', message: 'is not a channel of this workspace' };
    if (!capable(channel)) return { ok: false, refused: 'channel_cannot_call', message: `Calls go over ${CALL_CHANNEL_TYPES.join(' or ')} channels, not ${channel.type}` };
    const identity = identityOn(channel.id);
    if (!identity) return { ok: false, refused: 'contact_not_on_channel', message: 'The contact is not known on that channel; call them on a channel they used' };
    return { ok: true, channel, externalId: identity.externalId };
  }
  const reachable = input.channels.filter((channel) => capable(channel) && identityOn(channel.id));
  const chosen = reachable.find((channel) => channel.id === input.latestCallChannelId) ?? reachable[0];
  if (!chosen) return { ok: false, refused: 'no_call_channel', message: `The contact is known on no ${CALL_CHANNEL_TYPES.join(' or ')} channel that can call them` };
  return { ok: true, channel: chosen, externalId: identityOn(chosen.id)!.externalId };
}
