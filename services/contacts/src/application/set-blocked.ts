import { CallerScope, ContactBlocked, ContactUnblocked } from '@omnibox/contracts';
import { Contact, snapshotOf } from '../domain/contact-details';
import { announce } from './announce';
import type { ContactRepository } from './ports';
import { visibleContact } from './visible-contact';

/**
 * CNV-8 / CON-4: block or unblock. Asking for the state the contact is in is harmless and announces
 * nothing, so blocking twice is announced once.
 */
export async function setBlocked(contacts: ContactRepository, caller: CallerScope, id: string, blocked: boolean): Promise<Contact> {
  const current = await visibleContact(contacts, caller, id);
  if (current.blocked === blocked) return current;
  const at = new Date();
  const definition = blocked ? ContactBlocked : ContactUnblocked;
  const updated = await contacts.setBlocked(caller.workspaceId, id, blocked, at, [announce(definition, caller, id, { contact: snapshotOf({ ...current, blocked, updatedAt: at }) })]);
  // Someone else changed it in between: the contact is in the asked state either way.
  return updated ?? (await visibleContact(contacts, caller, id));
}
