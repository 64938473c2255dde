import { Inject, Injectable } from '@nestjs/common';
import { ChannelSnapshot, MessageCreated, MessageSendRequested, MessageSnapshot } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { snapshotOf, ThreadState } from '../domain/thread';
import { TIMELINE, Timeline } from './ports';

/** Stores outgoing messages (sends and broadcasts) so that their channel's adapter delivers them. */
@Injectable()
export class OutgoingMessages {
  constructor(@Inject(TIMELINE) private readonly timeline: Timeline) {}

  /**
   * Stores an outgoing message with the event that makes the delivery worker send it, in one write:
   * once it is stored it will be delivered (or marked failed), whatever happens to this process.
   */
  async store(thread: ThreadState, message: MessageSnapshot, channel: ChannelSnapshot, address: string, threadAfter: ThreadState, emailMessageId?: string): Promise<void> {
    const base = { workspaceId: thread.workspaceId, aggregateId: thread.contactId, correlationId: currentCorrelationId() };
    const created = MessageCreated.create({ ...base, data: { message, thread: snapshotOf(threadAfter) } });
    const sendRequested = MessageSendRequested.create({ ...base, data: { messageId: message.id, contactId: thread.contactId } });
    await this.timeline.add(
      {
        id: message.id,
        workspaceId: thread.workspaceId,
        contactId: thread.contactId,
        kind: 'message',
        at: message.createdAt,
        visible: true,
        channelId: channel.id,
        delivery: { address, channelType: channel.type, outboundUrl: channel.config.outboundUrl, replyContext: channel.config.supportsReplyContext },
        ...(emailMessageId ? { emailMessageId } : {}),
        item: message,
      },
      [created, sendRequested],
    );
  }
}
