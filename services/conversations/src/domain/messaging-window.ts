import type { ChannelSnapshot } from '@omnibox/contracts';
import type { RuleRefusal, ThreadState } from './thread';

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
