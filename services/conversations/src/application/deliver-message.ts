import { Inject, Injectable } from '@nestjs/common';
import { MessageSnapshot, MessageUpdated } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { attachmentKind } from '../domain/attachments';
import { budgetSpent, orderWait, retryDelay } from '../domain/delivery-retries';
import { snapshotOf } from '../domain/thread';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments, CHANNEL_ADAPTER, ChannelAdapter, CHANNELS, Channels, DeliveredAttachment, TIMELINE, Timeline, TimelineEntry } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';

/** Try this delivery again in `retryAfterMs` (the consumer's redelivery delay). */
export class DeliveryRetry extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** Delivery settings: attempts per message and the first back-off (DELIVERY_MAX_ATTEMPTS, DELIVERY_BACKOFF_MS). */
export interface DeliveryBudget {
  maxAttempts: number;
  backoffMs: number;
}

/**
 * MSG-2, CHN-4: hands an outgoing message to its channel's adapter. A thread's messages go out in the
 * order they were written: while an earlier one is still pending (being retried), a later one waits
 * without spending its own attempts. A provider that is down or busy is retried with back-off, each
 * failed attempt counted on the message; once its budget is spent, the message is `failed` with the
 * provider's error text. A refusal that will not pass fails it at once. The message is durable before
 * this runs (announced by the write that stores it); a message no longer pending is left alone.
 */
@Injectable()
export class DeliverMessage {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(CHANNEL_ADAPTER) private readonly adapter: ChannelAdapter,
    @Inject(CHANNELS) private readonly channels: Channels,
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  async execute(messageId: string, budget: DeliveryBudget): Promise<void> {
    const entry = await this.timeline.get(messageId);
    if (!entry || entry.item.kind !== 'message' || entry.item.status !== 'pending' || !entry.delivery) return;
    if (await this.timeline.pendingBefore(entry.contactId, entry)) throw new DeliveryRetry('an earlier message of the thread goes first', orderWait(budget.backoffMs));
    const message = entry.item;
    const thread = await this.writer.find(entry.contactId);
    const attachment = message.attachment ? await this.deliveredAttachment(message.attachment.id) : undefined;
    if (attachment === null) return this.finish(entry, { status: 'failed', error: 'The attachment is no longer stored, so the message cannot be sent' });
    const quoted = message.replyToId ? await this.timeline.get(message.replyToId) : null;
    const result = await this.adapter.send(
      {
        ...entry.delivery,
        channelId: entry.channelId ?? '',
        channel: entry.channelId ? await this.channels.find(entry.workspaceId, entry.channelId) : null,
        contact: { id: entry.contactId, firstName: thread?.contact.firstName ?? '', lastName: thread?.contact.lastName ?? null },
        ...(attachment ? { attachment } : {}),
        ...(quoted?.providerMessageId && quoted.channelId === entry.channelId ? { quotedProviderMessageId: quoted.providerMessageId } : {}),
      },
      message,
    );
    if (result.ok) return this.finish(entry, { status: 'sent', error: null }, result.providerMessageId);
    if (result.retryable) {
      const attempts = await this.timeline.countDeliveryAttempt(entry.id);
      if (!budgetSpent(attempts, budget.maxAttempts)) throw new DeliveryRetry(result.error, retryDelay(attempts, budget.backoffMs));
    }
    await this.finish(entry, { status: 'failed', error: result.error });
  }

  /** CHN-3: the file as the provider fetches it, from a signed URL made for this attempt; null when it is gone. */
  private async deliveredAttachment(id: string): Promise<DeliveredAttachment | null> {
    const record = await this.attachments.find(id);
    if (!record || record.status !== 'stored' || !record.storageKey) return null;
    const url = await this.files.signedUrl(record.storageKey, 'provider');
    return { id: record.id, fileName: record.fileName, contentType: record.contentType, size: record.size, kind: attachmentKind(record.contentType), url };
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
