import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactChannelAdded, ContactCreated } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { ChannelContact, ChannelIdentity, channelRef, contactFirstSeen } from '../domain/channel-identity';
import { Contact, snapshotOf } from '../domain/contact-details';
import { announce } from './announce';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, CONTACTS, ContactRepository, IdGenerator, IDS } from './ports';
import { ResolveChannelContact } from './resolve-channel-contact';

/** One pair of a batch, with the correlation id of the provider event it came in. */
export interface ChannelContactToResolve {
  identity: ChannelContact;
  correlationId?: string;
}

export interface ResolvedContact {
  contact: Contact;
  created: boolean;
}

/** At most this many pairs per call: a batch is what one ingest replica has in hand at once. */
const AT_MOST = 500;

const pairKey = (identity: Pick<ChannelContact, 'channelId' | 'externalId'>) => `${identity.channelId}|${identity.externalId}`;

/**
 * CNV-1 for many first messages at once (a campaign bringing new people, issue #19): the contacts
 * behind many channel identities of one workspace, at a few writes for the whole batch rather than
 * several per identity. Every pair is claimed for a new contact id in one insert (the unique key keeps
 * one contact per pair however first messages race); the new contacts are written in one insert with
 * their events (outbox). Pairs claimed before are read in one find, their contacts in another. Anything
 * unusual (a claim whose contact was never written, a contact merged away or deleted) takes the single
 * path, ResolveChannelContact, which repairs it.
 */
@Injectable()
export class ResolveChannelContacts {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
    @Inject(IDS) private readonly ids: IdGenerator,
    private readonly single: ResolveChannelContact,
  ) {}

  async execute(caller: CallerScope, items: ChannelContactToResolve[]): Promise<ResolvedContact[]> {
    if (items.length > AT_MOST) throw invalidInput('items', `must name at most ${AT_MOST} identities`);
    items.forEach(({ identity }, index) => {
      if (!identity.channelId) throw invalidInput(`items[${index}].identity.channelId`, 'is required');
      if (!identity.externalId) throw invalidInput(`items[${index}].identity.externalId`, 'is required');
    });
    // A pair asked twice in one batch is resolved once.
    const unique = new Map<string, ChannelContactToResolve>();
    for (const item of items) if (!unique.has(pairKey(item.identity))) unique.set(pairKey(item.identity), item);
    const resolved = await this.resolveUnique(caller, [...unique.values()]);
    // Its repeats are answered as found: the contact was created once, for the first.
    const answered = new Set<string>();
    return items.map(({ identity }) => {
      const key = pairKey(identity);
      const answer = resolved.get(key)!;
      if (answered.has(key)) return { ...answer, created: false };
      answered.add(key);
      return answer;
    });
  }

  private async resolveUnique(caller: CallerScope, items: ChannelContactToResolve[]): Promise<Map<string, ResolvedContact>> {
    const workspaceId = caller.workspaceId;
    const now = new Date();
    const claims: ChannelIdentity[] = items.map(({ identity }) => ({ workspaceId, channelId: identity.channelId, type: identity.channelType, externalId: identity.externalId, contactId: this.ids.next(), createdAt: now }));
    const claimed = await this.identities.claimAll(claims);
    const resolved = new Map<string, ResolvedContact>();
    const slow: ChannelContactToResolve[] = [];
    const known = items.filter((_, index) => !claimed[index]);
    for (const [item, contact] of await this.contactsOf(workspaceId, known)) {
      if (contact) resolved.set(pairKey(item.identity), { contact, created: false });
      else slow.push(item);
    }
    const fresh = items.flatMap((item, index) => (claimed[index] ? [{ item, contact: contactFirstSeen(claims[index].contactId, workspaceId, item.identity, now), claim: claims[index] }] : []));
    const written = fresh.length ? await this.contacts.insertAllIfAbsent(fresh.map(({ item, contact, claim }) => ({ contact, events: this.creationEvents(caller, contact, claim, item.correlationId) }))) : [];
    fresh.forEach(({ item, contact }, index) => {
      if (written[index]) resolved.set(pairKey(item.identity), { contact, created: true });
      else slow.push(item);
    });
    for (const item of slow) resolved.set(pairKey(item.identity), await this.single.execute(caller, item.identity));
    return resolved;
  }

  /** The live contact of each pair claimed before, or null when only the single path can tell. */
  private async contactsOf(workspaceId: string, items: ChannelContactToResolve[]): Promise<Array<[ChannelContactToResolve, Contact | null]>> {
    if (items.length === 0) return [];
    const identities = new Map((await this.identities.findAll(workspaceId, items.map(({ identity }) => identity))).map((identity) => [pairKey(identity), identity]));
    const ids = [...new Set([...identities.values()].map((identity) => identity.contactId))];
    const contacts = new Map((ids.length ? await this.contacts.byIds(ids) : []).map((contact) => [contact.id, contact]));
    return items.map((item) => {
      const contact = contacts.get(identities.get(pairKey(item.identity))?.contactId ?? '');
      return [item, contact && contact.workspaceId === workspaceId && !contact.deletedAt ? contact : null];
    });
  }

  private creationEvents(caller: CallerScope, contact: Contact, claim: ChannelIdentity, correlationId: string | undefined) {
    const channel = channelRef(claim);
    return [
      announce(ContactCreated, caller, contact.id, { contact: snapshotOf(contact), channel }, correlationId),
      announce(ContactChannelAdded, caller, contact.id, { contactId: contact.id, channel }, correlationId),
    ];
  }
}
