import { Inject, Injectable } from '@nestjs/common';
import type { ContactSnapshot, ThreadAccess } from '@omnibox/contracts';
import { CallWriter } from './call-writer';
import { CALLS, Calls, CONTACT_STATES, ContactStates, StateWrite } from './ports';
import { RefreshContactCalls } from './refresh-contact-calls';

const detailsOf = (contact: ContactSnapshot) => ({ id: contact.id, firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone });

/**
 * What this service learns of contacts from the other services' events: their thread's access (VIS,
 * and the lists' assignee, CAL-1), details, block state (CNV-8), deletion, merges (CON-3: the merged
 * contact's calls join the kept one). An event older than what is recorded changes nothing.
 */
@Injectable()
export class ApplyContactChanges {
  constructor(
    @Inject(CONTACT_STATES) private readonly states: ContactStates,
    @Inject(CALLS) private readonly calls: Calls,
    private readonly writer: CallWriter,
    private readonly refresh: RefreshContactCalls,
  ) {}

  async access(workspaceId: string, contactId: string, access: ThreadAccess, at: string): Promise<void> {
    await this.refreshAfter(contactId, await this.states.saveAccess(workspaceId, contactId, access, at));
  }

  /** `firstSight`: from the contact's `created` event. */
  async contact(workspaceId: string, contact: ContactSnapshot, at: string, firstSight = false): Promise<void> {
    await this.refreshAfter(contact.id, await this.states.saveContact(workspaceId, contact.id, { contact: detailsOf(contact), blocked: contact.blocked, deleted: false }, at, firstSight));
  }

  async deleted(workspaceId: string, contactId: string, at: string): Promise<void> {
    const known = await this.states.find(contactId);
    if (!known) return;
    await this.refreshAfter(contactId, await this.states.saveContact(workspaceId, contactId, { contact: known.contact, blocked: known.blocked, deleted: true }, at));
  }

  async merged(workspaceId: string, kept: ContactSnapshot, sourceContactId: string, at: string): Promise<void> {
    await this.states.saveContact(workspaceId, kept.id, { contact: detailsOf(kept), blocked: kept.blocked, deleted: false }, at);
    for (const call of await this.calls.ofContact(sourceContactId)) {
      await this.writer.apply(call, (state) => (state.contactId === sourceContactId ? { ...state, contactId: kept.id } : null));
    }
    await this.refresh.execute(kept.id);
  }

  /**
   * The contact's calls follow a changed state. A state stored where there was none has no calls to
   * follow it: every call is created after its contact's state is stored (CallContacts), and reads it.
   * That saves a read of the calls per new contact (issue #19), most of whom never call.
   */
  private async refreshAfter(contactId: string, write: StateWrite): Promise<void> {
    if (write === 'updated') await this.refresh.execute(contactId);
  }
}
