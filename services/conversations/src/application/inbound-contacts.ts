import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, InboundContact } from '@omnibox/contracts';
import type { ThreadState } from '../domain/thread';
import { CONTACTS, Contacts, VersionedThread } from './ports';
import { ThreadWriter } from './thread-writer';

/** A Map that forgets its oldest entries beyond `limit`. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.has(key)) this.delete(key);
    else if (this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/**
 * Who wrote in (CNV-1): the contact behind a channel identity, created unassigned by the contacts
 * service when first seen, and its thread. Two caches save reads on the busy ingest path only: a
 * thread written elsewhere meanwhile fails the versioned write and is read again, and a merged-away or
 * deleted contact's thread sends us back to the contacts service.
 */
@Injectable()
export class InboundContacts {
  /** Channel identity → contact id. */
  private readonly identities = new BoundedMap<string, string>(100_000);
  /** The latest thread this process wrote for each contact. */
  private readonly threads = new BoundedMap<string, VersionedThread>(20_000);

  constructor(
    private readonly writer: ThreadWriter,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  async resolve(workspaceId: string, channel: ChannelSnapshot, inbound: InboundContact): Promise<{ contact: ThreadState['contact']; thread: VersionedThread | null }> {
    const key = identityKey(workspaceId, channel.id, inbound.externalId);
    const known = this.identities.get(key);
    if (known) {
      const thread = this.threads.get(known) ?? (await this.writer.find(known));
      if (thread && !thread.deleted && thread.workspaceId === workspaceId) return { contact: thread.contact, thread };
      this.identities.delete(key);
      this.threads.delete(known);
    }
    const { contact } = await this.contacts.resolve(workspaceId, {
      channelId: channel.id,
      channelType: channel.type,
      externalId: inbound.externalId,
      firstName: inbound.firstName,
      lastName: inbound.lastName,
      phone: inbound.phone,
      email: inbound.email,
    });
    this.identities.set(key, contact.id);
    return { contact, thread: await this.writer.find(contact.id) };
  }

  /** The thread as this process just wrote it (or forgets it when the write did not happen). */
  remember(contactId: string, thread: VersionedThread | null): void {
    if (thread) this.threads.set(contactId, thread);
    else this.threads.delete(contactId);
  }

  /** The identity no longer leads to that contact (merged away or deleted): ask the contacts service again. */
  forgetIdentity(workspaceId: string, channelId: string, externalId: string): void {
    this.identities.delete(identityKey(workspaceId, channelId, externalId));
  }
}

const identityKey = (workspaceId: string, channelId: string, externalId: string) => `${workspaceId}|${channelId}|${externalId}`;
