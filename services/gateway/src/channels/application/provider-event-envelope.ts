import { EventEnvelope, ProviderEvent, ProviderEventReceived } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { Channel, channelSnapshot } from '../domain/channel';
import { providerEventId } from '../domain/provider-event-id';

/**
 * A provider event as it is stored (JetStream) for the conversations and calls services, whichever
 * way it came in (signed ingress, a provider's webhook, the SMTP listener). Its id comes from the
 * provider's ids, so the provider's retry of the same event is dropped.
 */
export function providerEventEnvelope(channel: Channel, event: ProviderEvent, receivedAt = new Date().toISOString()): EventEnvelope {
  return {
    ...ProviderEventReceived.create({
      workspaceId: channel.workspaceId,
      aggregateId: channel.id,
      data: { channel: channelSnapshot(channel), event, receivedAt },
      actor: { kind: 'contact' },
      correlationId: currentCorrelationId(),
    }),
    id: providerEventId(channel.id, event),
  };
}
