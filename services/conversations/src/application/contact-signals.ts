import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_ADAPTER, ChannelAdapter, Delivery, TIMELINE, Timeline, VersionedThread } from './ports';
import { WorkspaceChannels } from './workspace-channels';

/**
 * MSG-9: what the contact sees of the agents on channels that show it, on the channel of their latest
 * message: the agent typing, and their messages read. Best effort, never awaited by the agent's
 * request: a slow or failing provider delays and fails nothing.
 */
@Injectable()
export class ContactSignals {
  constructor(
    private readonly channels: WorkspaceChannels,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(CHANNEL_ADAPTER) private readonly adapter: ChannelAdapter,
  ) {}

  typing(thread: VersionedThread, typing: boolean): void {
    void this.delivery(thread, true).then((delivery) => delivery && this.adapter.typing(delivery, typing));
  }

  read(thread: VersionedThread): void {
    void this.delivery(thread, false).then((delivery) => delivery && this.adapter.markRead(delivery));
  }

  /** Where the contact wrote last, with the provider's id of that message (WhatsApp names it). */
  private async delivery(thread: VersionedThread, typing: boolean): Promise<Delivery | null> {
    try {
      const channel = thread.lastIncomingChannelId ? await this.channels.find(thread.workspaceId, thread.lastIncomingChannelId) : null;
      const address = channel ? thread.identities[channel.id] : undefined;
      if (!channel || !address || (typing && !channel.config.supportsTyping)) return null;
      const latest = await this.timeline.latestIncoming(thread.contactId, channel.id);
      return {
        channelId: channel.id,
        channel,
        channelType: channel.type,
        outboundUrl: channel.config.outboundUrl,
        replyContext: false,
        address,
        contact: { id: thread.contactId, firstName: thread.contact.firstName, lastName: thread.contact.lastName },
        ...(latest?.providerMessageId ? { latestIncomingProviderMessageId: latest.providerMessageId } : {}),
      };
    } catch {
      return null;
    }
  }
}
