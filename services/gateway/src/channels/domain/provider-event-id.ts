import { derivedEventId, ProviderEvent } from '@omnibox/contracts';

/** The id of an accepted provider event: a provider retry of the same message or status gets the same id. */
export function providerEventId(channelId: string, event: ProviderEvent): string {
  const key =
    event.type === 'message' ? `${channelId}|message|${event.id}` : event.type === 'event' ? `${channelId}|event|${event.id}` : `${channelId}|status|${event.messageId}|${event.status}`;
  return derivedEventId(key);
}
