import type { CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import type { Contact } from '../domain/contact-details';
import { canSeeContact } from '../domain/visibility';
import type { ContactRepository } from './ports';

/** A live contact the caller may see, or 404 (missing and invisible are never told apart, VIS-4). */
export async function visibleContact(contacts: ContactRepository, caller: CallerScope, id: string): Promise<Contact> {
  // Read by id alone (the cheapest lookup on every engine), then check workspace, liveness and sight.
  const contact = await contacts.byId(id);
  if (!contact || !canSeeContact(caller, contact)) throw notFound('Contact');
  return contact;
}
