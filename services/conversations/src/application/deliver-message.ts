import { Inject, Injectable } from '@nestjs/common';
import { MessageSnapshot, MessageUpdated } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { snapshotOf } from '../domain/thread';
import { CHANNEL_ADAPTER, ChannelAdapter, TIMELINE, Timeline, TimelineEntry } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';

/** The outcome of one delivery attempt the caller should know about: try again later. */
export class DeliveryRetry extends Error {}

/**
 * MSG-2: hands an outgoing message to its channel's adapter. While the provider is unreachable or
 * failing the attempt is retried (`DeliveryRetry`, with back-off by the caller), then the message is
 * marked `failed` with the provider's error text. The message is durable before this runs (it is
 * announced by the same write that stores it); a message no longer pending is left alone.
 */
@Injectable()
export class DeliverMessage {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(CHANNEL_ADAPTER) private readonly adapter: ChannelAdapter,
  ) {}

  async execute(messageId: string, attempt: number, maxAttempts: number): Promise<void> {
    const entry = await this.timeline.get(messageId);
    if (!entry || entry.item.kind !== 'message' || entry.item.status !== 'pending' || !entry.delivery) return;
    const thread = await this.writer.find(entry.contactId);
    const result = await this.adapter.send(
      {
        ...entry.delivery,
        channelId: entry.channelId ?? '',
        contact: { id: entry.contactId, firstName: thread?.contact.firstName ?? '', lastName: thread?.contact.lastName ?? null },
      },
      entry.item,
    );
    if (result.ok) return this.finish(entry, { status: 'sent', error: null }, result.providerMessageId);
    if (result.retryable && attempt < maxAttempts) throw new DeliveryRetry(result.error);
    await this.finish(entry, { status: 'failed', error: result.error });
  }

  private async finish(entry: TimelineEntry, change: Pick<MessageSnapshot, 'status' | 'error'>, providerMessageId?: string) {
    const message = { ...(entry.item as MessageSnapshot), ...change };
    const thread = await this.writer.find(entry.contactId);
    const events = thread
      ? [MessageUpdated.create({ workspaceId: entry.workspaceId, aggregateId: entry.contactId, data: { message, thread: snapshotOf(stateOf(thread)) }, correlationId: currentCorrelationId() })]
      : [];
    // Only a pending message moves: a status the provider reported meanwhile is kept.
    await this.timeline.setMessageStatus(entry.id, { ...change, ...(providerMessageId ? { providerMessageId } : {}) }, events, true);
  }
}
