import type { CallerScope } from '@omnibox/contracts';
import { forbidden } from '@omnibox/platform';

/** Notifications belong to users: an API token has no centre, settings or push subscriptions (403). */
export function centreUserOf(caller: CallerScope): string {
  if (caller.kind !== 'user') throw forbidden('Notifications belong to users; an API token has none', 'notifications_need_a_user');
  return caller.principalId;
}
