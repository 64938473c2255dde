import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, ProviderEventReceived } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { ApplyDeliveryStatus } from '../../application/apply-delivery-status';
import { IngestChannelEvent } from '../../application/ingest-channel-event';
import { IngestInboundMessage } from '../../application/ingest-inbound-message';
import { RecordChannel } from '../../application/record-channel';
import type { ConversationsConfig } from '../../config';

/** The partition of a provider event: one contact's messages (or one message's statuses) stay in order. */
export function providerEventKey(event: EventEnvelope): string {
  const data = event.data as { channel?: { id?: string }; event?: { contact?: { externalId?: string }; messageId?: string } };
  const inner = data.event;
  return `${data.channel?.id}|${inner?.contact?.externalId ?? inner?.messageId}`;
}

/**
 * `conversations-ingress`: the signed provider events the gateway accepted (`channels.provider_event.received`),
 * INGEST_CONCURRENCY at a time, one contact's events in order. Each carries its channel, which the
 * channels read model keeps. Call events (`type: "call"`) are left to the calls service.
 */
@Injectable()
export class ProviderEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly recordChannel: RecordChannel,
    private readonly ingestMessage: IngestInboundMessage,
    private readonly ingestChannelEvent: IngestChannelEvent,
    private readonly applyStatus: ApplyDeliveryStatus,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-ingress',
      filter: '*.channels.provider_event.received',
      concurrency: this.config.INGEST_CONCURRENCY,
      partitionKey: providerEventKey,
      // Idempotent by construction, so no processed-event bookkeeping on the hot path.
      processed: undefined,
      maxDeliveries: 20,
      handle: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (!ProviderEventReceived.is(event)) return;
    const { channel, event: inner, receivedAt } = event.data;
    // Call events are the calls service's (its own durable on the same subject).
    if (inner.type === 'call') return;
    await this.recordChannel.execute(event.workspaceId, channel, 'provider_event');
    if (inner.type === 'message') await this.ingestMessage.execute(event.workspaceId, channel, inner, receivedAt);
    else if (inner.type === 'event') await this.ingestChannelEvent.execute(event.workspaceId, channel, inner, receivedAt);
    else await this.applyStatus.execute(event.workspaceId, channel, inner);
  }
}
