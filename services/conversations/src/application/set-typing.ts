import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { snapshotOf } from '../domain/thread';
import { CallerThreads } from './caller-threads';
import { CHANNEL_ADAPTER, ChannelAdapter, TYPING, Typing } from './ports';
import { stateOf } from './thread-writer';
import { WorkspaceChannels } from './workspace-channels';

/**
 * MSG-9: who is typing lives for a few seconds; other agents see it on the conversation and through
 * realtime pushes, and the contact sees it on channels that support it (the channel of their latest
 * message).
 */
@Injectable()
export class SetTyping {
  constructor(
    private readonly threads: CallerThreads,
    private readonly channels: WorkspaceChannels,
    @Inject(TYPING) private readonly typing: Typing,
    @Inject(CHANNEL_ADAPTER) private readonly adapter: ChannelAdapter,
  ) {}

  async execute(caller: CallerScope, contactId: string, typing: boolean): Promise<{ typing: boolean; typingUserIds: string[] }> {
    const thread = await this.threads.visible(caller, contactId);
    await this.typing.set(contactId, caller.principalId, typing);
    await this.typing.announce({ workspaceId: thread.workspaceId, contactId, userId: caller.principalId, typing, thread: snapshotOf(stateOf(thread)) });
    const channel = thread.lastIncomingChannelId ? await this.channels.find(thread.workspaceId, thread.lastIncomingChannelId) : null;
    const address = channel ? thread.identities[channel.id] : undefined;
    if (channel?.config.supportsTyping && address) {
      // Best effort: the contact's typing indicator never delays or fails the agent's request.
      void this.adapter.typing(
        { channelId: channel.id, channelType: channel.type, outboundUrl: channel.config.outboundUrl, replyContext: false, address, contact: { id: contactId, firstName: thread.contact.firstName, lastName: thread.contact.lastName } },
        typing,
      );
    }
    const view = await this.threads.view(caller, thread);
    return { typing, typingUserIds: view.typingUserIds };
  }
}
