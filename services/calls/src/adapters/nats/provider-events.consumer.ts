import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, ProviderEventReceived } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { IngestCallEvent } from '../../application/ingest-call-event';
import { RecordChannel } from '../../application/record-channel';
import type { CallsConfig } from '../../config';

/** The partition of a provider event: one call's events stay in order. */
export function callEventKey(event: EventEnvelope): string {
  const data = event.data as { channel?: { id?: string }; event?: { id?: string; call?: { id?: string } } };
  return `${data.channel?.id}|${data.event?.call?.id ?? data.event?.id}`;
}

/**
 * `calls-ingress`: the signed provider events the gateway accepted (`channels.provider_event.received`);
 * only call events (`type: "call"`) are the calls service's, the others are acknowledged and left to
 * the conversations service. INGEST_CONCURRENCY at a time, one call's events in order; idempotent by
 * construction (each call remembers the provider events it applied), so no bookkeeping per event.
 */
@Injectable()
export class ProviderEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly recordChannel: RecordChannel,
    private readonly ingest: IngestCallEvent,
    @Inject(CONFIG) private readonly config: CallsConfig,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'calls-ingress',
      filter: '*.channels.provider_event.received',
      concurrency: this.config.INGEST_CONCURRENCY,
      partitionKey: callEventKey,
      processed: undefined,
      maxDeliveries: 20,
      handle: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (!ProviderEventReceived.is(event)) return;
    const { channel, event: inner, receivedAt } = event.data;
    if (inner.type !== 'call') return;
    await this.recordChannel.execute(event.workspaceId, channel, 'provider_event');
    await this.ingest.execute(event.workspaceId, channel, inner, receivedAt);
  }
}
