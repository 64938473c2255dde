import type { TimelineEventAnswer } from '@omnibox/contracts';
import { fromStruct } from '@omnibox/rpc';

/** API.md `event` (CNV-9): `data` and `referral` null when the event has none. */
export function timelineEventJson(event: TimelineEventAnswer) {
  const { referral } = event;
  return {
    kind: 'event' as const,
    id: event.id,
    contactId: event.contactId,
    category: event.category,
    type: event.type,
    source: event.source,
    actorId: event.actorId ?? null,
    data: fromStruct(event.data),
    referral: referral && { code: referral.code, url: referral.url },
    createdAt: event.createdAt,
  };
}
