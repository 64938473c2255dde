import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactChannelAdded, ContactCreated } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { ChannelContact, ChannelIdentity, channelRef, contactFirstSeen } from '../domain/channel-identity';
import { Contact, snapshotOf } from '../domain/contact-details';
import { announce } from './announce';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, CONTACTS, ContactRepository, IdGenerator, IDS } from './ports';

/**
 * CNV-1: the contact behind (channel, external id), created unassigned when first seen. The identity
 * is claimed first under a unique key, so two racing first messages make one contact; a crash between
 * the claim and the contact write is repaired by the next resolve. A merged-away contact's channels
 * reach the contact it was merged into.
 */
@Injectable()
export class ResolveChannelContact {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async execute(caller: CallerScope, input: ChannelContact): Promise<{ contact: Contact; created: boolean }> {
    if (!input.channelId) throw invalidInput('channelId', 'is required');
    if (!input.externalId) throw invalidInput('externalId', 'is required');
    const workspaceId = caller.workspaceId;
    const identity = await this.claimed(workspaceId, input);
    const existing = await this.contacts.byId(identity.contactId);
    const ours = existing?.workspaceId === workspaceId ? existing : null;
    if (ours && !ours.deletedAt) return { contact: ours, created: false };
    if (ours?.mergedInto) {
      const kept = await this.contacts.live(workspaceId, ours.mergedInto);
      if (kept) return { contact: kept, created: false };
    }
    const contact = contactFirstSeen(identity.contactId, workspaceId, input, new Date());
    const channel = channelRef(identity);
    const events = [announce(ContactCreated, caller, contact.id, { contact: snapshotOf(contact), channel }), announce(ContactChannelAdded, caller, contact.id, { contactId: contact.id, channel })];
    if (await this.contacts.insertIfAbsent(contact, events)) return { contact, created: true };
    // A racing resolve wrote it first.
    const raced = await this.contacts.byId(identity.contactId);
    if (!raced || raced.workspaceId !== workspaceId) throw new Error(`contact ${identity.contactId} was neither written nor found`);
    return { contact: raced, created: false };
  }

  /** The identity, claimed for a new contact id when first seen. */
  private async claimed(workspaceId: string, input: ChannelContact): Promise<ChannelIdentity> {
    const found = await this.identities.find(workspaceId, input.channelId, input.externalId);
    if (found) return found;
    const claim: ChannelIdentity = { workspaceId, channelId: input.channelId, type: input.channelType, externalId: input.externalId, contactId: this.ids.next(), createdAt: new Date() };
    if (await this.identities.claim(claim)) return claim;
    const winner = await this.identities.find(workspaceId, input.channelId, input.externalId);
    if (!winner) throw new Error(`channel identity ${input.channelId}/${input.externalId} was neither claimed nor found`);
    return winner;
  }
}
