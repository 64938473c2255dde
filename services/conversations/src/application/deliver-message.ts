import { Inject, Injectable } from '@nestjs/common';
import { MessageSnapshot, MessageUpdated } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { attachmentKind } from '../domain/attachments';
import { snapshotOf } from '../domain/thread';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments, CHANNEL_ADAPTER, ChannelAdapter, DeliveredAttachment, TIMELINE, Timeline, TimelineEntry } from './ports';
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
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  async execute(messageId: string, attempt: number, maxAttempts: number): Promise<void> {
    const entry = await this.timeline.get(messageId);
    if (!entry || entry.item.kind !== 'message' || entry.item.status !== 'pending' || !entry.delivery) return;
    const thread = await this.writer.find(entry.contactId);
    const attachment = entry.item.attachment ? await this.deliveredAttachment(entry.item.attachment.id) : undefined;
    if (attachment === null) return this.finish(entry, { status: 'failed', error: 'The attachment is no longer stored, so the message cannot be sent' });
    const result = await this.adapter.send(
      {
        ...entry.delivery,
        channelId: entry.channelId ?? '',
        contact: { id: entry.contactId, firstName: thread?.contact.firstName ?? '', lastName: thread?.contact.lastName ?? null },
        ...(attachment ? { attachment } : {}),
      },
      entry.item,
    );
    if (result.ok) return this.finish(entry, { status: 'sent', error: null }, result.providerMessageId);
    if (result.retryable && attempt < maxAttempts) throw new DeliveryRetry(result.error);
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
