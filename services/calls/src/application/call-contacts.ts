import { Inject, Injectable } from '@nestjs/common';
import { BoundedMap } from '@omnibox/platform';
import { CallerScope, ChannelSnapshot, InboundCallEvent, NO_ACCESS_GRANTS } from '@omnibox/contracts';
import type { ContactState } from '../domain/contact-state';
import { CONTACT_STATES, ContactRecord, Contacts, CONTACTS, ContactStates } from './ports';

const stateOf = (workspaceId: string, record: ContactRecord): ContactState => ({
  contactId: record.contact.id,
  workspaceId,
  contact: record.contact,
  blocked: record.blocked,
  deleted: false,
  access: { ...NO_ACCESS_GRANTS, assigneeId: record.assigneeId, teamId: record.teamId },
});

/**
 * The contact of a call: who called (resolved as for messages: the contacts service creates a contact
 * first seen unassigned), with what this service knows of them (their thread's access, kept from
 * events). A channel identity is remembered, so only a contact's first call asks the contacts service.
 */
@Injectable()
export class CallContacts {
  private readonly identities = new BoundedMap<string, string>(100_000);

  constructor(
    @Inject(CONTACTS) private readonly contacts: Contacts,
    @Inject(CONTACT_STATES) private readonly states: ContactStates,
  ) {}

  /**
   * The contact behind a provider call event's identity, with the version of its state when it was read
   * (null when it was just resolved: compare the state itself).
   */
  async ofIdentity(workspaceId: string, channel: ChannelSnapshot, inbound: InboundCallEvent['contact']): Promise<{ state: ContactState; version: string | null }> {
    const known = await this.known(workspaceId, channel, inbound);
    if (known) return known;
    const key = `${workspaceId}|${channel.id}|${inbound.externalId}`;
    const record = await this.contacts.resolve(workspaceId, {
      channelId: channel.id,
      channelType: channel.type,
      externalId: inbound.externalId,
      firstName: inbound.firstName,
      lastName: inbound.lastName,
      phone: inbound.phone,
    });
    this.identities.set(key, record.contact.id);
    return { state: await this.remember(workspaceId, record), version: null };
  }

  /** The contact behind an identity this replica has resolved before, while it is still there; never asks the contacts service. */
  async known(workspaceId: string, channel: ChannelSnapshot, inbound: InboundCallEvent['contact']): Promise<{ state: ContactState; version: string } | null> {
    const key = `${workspaceId}|${channel.id}|${inbound.externalId}`;
    const contactId = this.identities.get(key);
    if (!contactId) return null;
    const { state, version } = await this.states.current(contactId);
    if (state && !state.deleted && state.workspaceId === workspaceId) return { state, version };
    this.identities.delete(key);
    return null;
  }

  /** A contact the caller names (404 when they may not see it), with the contacts service's record. */
  async visible(caller: CallerScope, contactId: string): Promise<{ state: ContactState; record: ContactRecord }> {
    const record = await this.contacts.visible(caller, contactId);
    return { state: await this.remember(caller.workspaceId, record), record };
  }

  /** What this service knows, with what no event told yet taken from the contacts service's record. */
  private remember(workspaceId: string, record: ContactRecord): Promise<ContactState> {
    return this.states.fillUnknown(stateOf(workspaceId, record));
  }
}
