import type { ChannelSnapshot, ChannelType } from '@omnibox/contracts';
import type { RuleRefusal, ThreadState } from './thread';

/** Channel types that reach a contact by phone number, even before the contact wrote there (MSG-11). */
const PHONE_CHANNELS: ChannelType[] = ['whatsapp', 'sms'];

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
  thread: Pick<ThreadState, 'identities' | 'contact' | 'lastIncomingChannelId'>,
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

/** MSG-3: free-form messages only inside the channel's window after the contact's last message there. */
export function checkMessagingWindow(
  thread: Pick<ThreadState, 'lastIncomingByChannel'>,
  channel: ChannelSnapshot,
  messageType: string,
  now: Date,
): RuleRefusal | null {
  const hours = channel.config.messagingWindowHours;
  if (hours === null || hours === undefined || messageType === 'template') return null;
  const last = thread.lastIncomingByChannel[channel.id];
  if (last && now.getTime() - Date.parse(last) <= hours * 3600_000) return null;
  return {
    refused: 'outside_messaging_window',
    message: last
      ? `The ${hours} h messaging window of ${channel.type} closed at ${new Date(Date.parse(last) + hours * 3600_000).toISOString()}; send a template instead`
      : `The contact has not written on this ${channel.type} channel, so only templates can be sent (messaging window of ${hours} h)`,
  };
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/i;

/** MSG-6: the first URL of a message, trailing punctuation dropped. */
export function firstUrl(text: string | null | undefined): string | null {
  const match = text ? URL_PATTERN.exec(text) : null;
  return match ? match[0].replace(/[.,;:!?)\]]+$/, '') : null;
}

/** MSG-10: a unique stored name that keeps the original name readable. */
export function storedAttachmentName(messageId: string, fileName: string): string {
  const safe = fileName.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(-120) || 'file';
  return `${messageId}-${safe}`;
}

/** E-mail subjects compared without reply / forward prefixes and case (MSG-8). */
export function normaliseSubject(subject: string | null | undefined): string {
  return (subject ?? '').replace(/^\s*((re|fwd?|aw|wg)\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * MSG-8 for an outgoing e-mail: a new e-mail needs a subject; a reply threads under the e-mail it
 * answers unless its subject is changed, which starts a new e-mail thread.
 */
export function outgoingEmailThread(
  input: { subject?: string; replyTo?: { subject: string | null; messageId: string | null; threadKey: string | null } | null },
  newKey: string,
): { subject: string; threadKey: string; inReplyTo: string | null } | RuleRefusal {
  if (!input.replyTo) {
    if (!input.subject?.trim()) return { refused: 'subject_required', message: 'A new e-mail needs a subject (email.subject); replies (email.replyToMessageId) do not' };
    return { subject: input.subject.trim(), threadKey: newKey, inReplyTo: null };
  }
  const original = input.replyTo.subject ?? '';
  const subject = input.subject?.trim() || (normaliseSubject(original) ? `Re: ${original.replace(/^\s*(re\s*:\s*)+/i, '')}` : 'Re:');
  const sameSubject = normaliseSubject(subject) === normaliseSubject(original);
  if (!sameSubject) return { subject, threadKey: newKey, inReplyTo: null };
  return { subject, threadKey: input.replyTo.threadKey ?? newKey, inReplyTo: input.replyTo.messageId };
}

const STATUS_ORDER = { received: 0, pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/** MSG-2: provider statuses only move forward (a late `delivered` never undoes `read`); `failed` is final. */
export function nextStatus(current: keyof typeof STATUS_ORDER, reported: keyof typeof STATUS_ORDER): keyof typeof STATUS_ORDER | null {
  if (current === 'failed' || current === reported) return null;
  if (reported === 'failed') return current === 'read' || current === 'delivered' ? null : 'failed';
  return STATUS_ORDER[reported] > STATUS_ORDER[current] ? reported : null;
}
