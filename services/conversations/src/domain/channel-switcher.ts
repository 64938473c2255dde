import type { ChannelSnapshot, ChannelType } from '@omnibox/contracts';
import type { RuleRefusal, ThreadState } from './thread';

/** Channel types that reach a contact by phone number, even before the contact wrote there (MSG-11). */
const PHONE_CHANNELS: ChannelType[] = ['whatsapp', 'sms'];

type Reachable = Pick<ThreadState, 'identities' | 'contact' | 'lastIncomingChannelId'>;

/** Where the contact is reached on a channel: its identity there, or its e-mail / phone (MSG-11). */
export function addressOn(thread: Pick<ThreadState, 'identities' | 'contact'>, channel: ChannelSnapshot): string | null {
  const known = thread.identities[channel.id];
  if (known) return known;
  if (channel.type === 'email' && thread.contact.email) return thread.contact.email;
  if (PHONE_CHANNELS.includes(channel.type) && thread.contact.phone) return thread.contact.phone;
  return null;
}

/**
 * MSG-11: the channel a reply goes out on. A named channel must reach the contact; without one, the
 * channel of the contact's latest incoming message, else the only channel that reaches them.
 */
export function chooseChannel(
  thread: Reachable,
  channels: ChannelSnapshot[],
  requestedId: string | undefined,
): { channel: ChannelSnapshot; address: string } | RuleRefusal | { unknownChannel: string } {
  if (requestedId) {
    const channel = channels.find((candidate) => candidate.id === requestedId);
    if (!channel) return { unknownChannel: requestedId };
    const address = addressOn(thread, channel);
    if (!address) return { refused: 'channel_not_connected', message: `The contact cannot be reached on channel ${channel.name} (${channel.type}): no identity, e-mail or phone number for it` };
    return { channel, address };
  }
  const latest = thread.lastIncomingChannelId ? channels.find((candidate) => candidate.id === thread.lastIncomingChannelId) : undefined;
  if (latest) {
    const address = addressOn(thread, latest);
    if (address) return { channel: latest, address };
  }
  for (const channel of channels) {
    const address = thread.identities[channel.id];
    if (address) return { channel, address };
  }
  return { refused: 'no_channel', message: 'The contact has no channel to reply on yet; name a channelId that reaches them' };
}

/**
 * MSG-8 / MSG-11: an e-mail without a named channel goes out on the e-mail channel the contact wrote
 * on last, else on the first e-mail channel that reaches them (an identity there or an address).
 */
export function chooseEmailChannel(thread: Reachable, channels: ChannelSnapshot[]): string | RuleRefusal {
  const latest = channels.find((channel) => channel.id === thread.lastIncomingChannelId);
  if (latest?.type === 'email') return latest.id;
  const reaching = channels.find((channel) => channel.type === 'email' && (thread.identities[channel.id] || thread.contact.email));
  return reaching?.id ?? { refused: 'no_email_channel', message: 'No e-mail channel reaches this contact: connect an e-mail channel and give the contact an e-mail address' };
}

/** An `email` message goes out on e-mail channels only, and e-mail channels send `email` messages only. */
export function checkMessageType(channel: ChannelSnapshot, messageType: string): RuleRefusal | null {
  if ((channel.type === 'email') === (messageType === 'email')) return null;
  return { refused: 'wrong_message_type', message: channel.type === 'email' ? 'E-mail channels send messages of type "email"' : 'Messages of type "email" go out on e-mail channels only' };
}
