import { derivedEventId, ProviderEvent } from '@omnibox/contracts';

/** The id of an accepted provider event: a provider retry of the same message, event, call event or status gets the same id. */
export function providerEventId(channelId: string, event: ProviderEvent): string {
  switch (event.type) {
    case 'message':
    case 'event':
    case 'call':
      return derivedEventId(`${channelId}|${event.type}|${event.id}`);
    case 'status':
      return derivedEventId(`${channelId}|status|${event.messageId}|${event.status}`);
  }
}
