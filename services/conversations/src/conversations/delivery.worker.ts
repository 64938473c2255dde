import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, MessageSendRequested, MessageSnapshot, MessageUpdated } from '@omnibox/contracts';
import { ConsumerRegistry, Outbox } from '@omnibox/messaging';
import { CONFIG, currentCorrelationId } from '@omnibox/platform';
import type { ConversationsConfig } from '../config';
import { ChannelAdapter, HttpChannelAdapter } from './channel-adapter';
import { COLLECTIONS, ConversationsStore, TimelineDoc } from './conversations.store';
import { stateOf, ThreadsRepository } from './threads.repository';
import { snapshotOf } from '../domain/thread';

/**
 * Hands outgoing messages to their channel's adapter (MSG-2): retried with exponential back-off while
 * the provider is unreachable or failing, then marked `failed` with the provider's error text. The
 * message is durable before this runs (it is announced by the same write that stores it).
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit {
  private readonly adapter: ChannelAdapter = new HttpChannelAdapter();

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-delivery',
      filter: `*.${MessageSendRequested.type}`,
      concurrency: 16,
      partitionKey: (event) => (event.data as { messageId?: string }).messageId ?? event.id,
      maxDeliveries: this.config.DELIVERY_MAX_ATTEMPTS + 1,
      backoffMs: this.config.DELIVERY_BACKOFF_MS,
      maxBackoffMs: 60_000,
      processed: undefined,
      handle: (event, { deliveries }) => this.deliver(event, deliveries),
    });
  }

  private async deliver(event: EventEnvelope, attempt: number): Promise<void> {
    if (!MessageSendRequested.is(event)) return;
    const row = await this.store.timeline.findOne({ _id: event.data.messageId });
    if (!row || row.item.kind !== 'message' || row.item.status !== 'pending' || !row.delivery) return;
    const thread = await this.threads.find(row.contactId);
    const result = await this.adapter.send(
      {
        channelId: row.channelId ?? '',
        channelType: row.delivery.channelType,
        outboundUrl: row.delivery.outboundUrl,
        replyContext: row.delivery.replyContext,
        contact: { id: row.contactId, address: row.delivery.address, firstName: thread?.contact.firstName ?? '', lastName: thread?.contact.lastName ?? null },
      },
      row.item,
    );
    if (result.ok) {
      await this.finish(row, { status: 'sent', error: null }, result.providerMessageId);
      return;
    }
    if (result.retryable && attempt < this.config.DELIVERY_MAX_ATTEMPTS) throw new Error(result.error);
    await this.finish(row, { status: 'failed', error: result.error });
  }

  private async finish(row: TimelineDoc, change: Pick<MessageSnapshot, 'status' | 'error'>, providerMessageId?: string) {
    const message = { ...(row.item as MessageSnapshot), ...change };
    const thread = await this.threads.find(row.contactId);
    const events = thread
      ? [MessageUpdated.create({ workspaceId: row.workspaceId, aggregateId: row.contactId, data: { message, thread: snapshotOf(stateOf(thread)) }, correlationId: currentCorrelationId() })]
      : [];
    const set: Record<string, unknown> = { 'item.status': change.status, 'item.error': change.error };
    if (providerMessageId) set.providerMessageId = providerMessageId;
    // Only a pending message moves: a status the provider reported meanwhile is kept.
    await this.outbox.update<TimelineDoc>(COLLECTIONS.timeline, { _id: row._id, 'item.status': 'pending' }, { $set: set }, events);
  }
}
