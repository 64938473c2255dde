import { Inject, Injectable } from '@nestjs/common';
import { BoundedMap } from '@omnibox/platform';
import type { ChannelSnapshot, InboundContact } from '@omnibox/contracts';
import type { ThreadState } from '../domain/thread';
import { CONTACTS, Contacts, VersionedThread } from './ports';
import { ThreadWriter } from './thread-writer';

/** How long a contact event waits at most for the first write of its contact (see `written`). */
const FIRST_WRITE_WAIT_MS = 10_000;

export interface ResolvedInbound {
  contact: ThreadState['contact'];
  thread: VersionedThread | null;
  /** Created by the contacts service for this message: it has no thread yet, unless one raced it. */
  firstSeen: boolean;
}

/**
 * Who wrote in (CNV-1): the contact behind a channel identity, created unassigned by the contacts
 * service when first seen, and its thread. The busy ingest path reads neither when it can help it: the
 * identity → contact map lives here, and the thread comes as this process last wrote or read it
 * (`ThreadWriter.remembered`). A thread written elsewhere meanwhile fails the versioned write and is
 * read again, and a merged-away or deleted contact's thread sends us back to the contacts service.
 */
@Injectable()
export class InboundContacts {
  /** Channel identity → contact id. */
  private readonly identities = new BoundedMap<string, string>(100_000);
  /**
   * Identities this process is asking the contacts service about, until their first message is
   * written when the answer is a new contact: that contact's events (published as the contact is
   * stored, so often before the answer arrives) wait for it (`written`).
   */
  private readonly arriving = new Map<string, { settled: Promise<void>; settle(): void }>();

  constructor(
    private readonly writer: ThreadWriter,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  async resolve(workspaceId: string, channel: ChannelSnapshot, inbound: InboundContact): Promise<ResolvedInbound> {
    const key = identityKey(workspaceId, channel.id, inbound.externalId);
    const known = this.identities.get(key);
    if (known) {
      const thread = this.writer.remembered(known) ?? (await this.writer.find(known));
      if (thread && !thread.deleted && thread.workspaceId === workspaceId) return { contact: thread.contact, thread, firstSeen: false };
      this.identities.delete(key);
    }
    const arrival = this.expectArrival(key);
    try {
      const { contact, created } = await this.contacts.resolve(workspaceId, {
        channelId: channel.id,
        channelType: channel.type,
        externalId: inbound.externalId,
        firstName: inbound.firstName,
        lastName: inbound.lastName,
        phone: inbound.phone,
        email: inbound.email,
      });
      this.identities.set(key, contact.id);
      if (!created) {
        arrival.settle();
        return { contact, thread: await this.writer.find(contact.id), firstSeen: false };
      }
      // Nobody wrote a thread for a contact created a moment ago (its events wait for us): no read.
      return { contact, thread: null, firstSeen: true };
    } catch (error) {
      arrival.settle();
      throw error;
    }
  }

  /** The first message of a contact first seen here is handled (written or not): its events go on. */
  firstWriteDone(workspaceId: string, channelId: string, externalId: string): void {
    this.arriving.get(identityKey(workspaceId, channelId, externalId))?.settle();
  }

  /**
   * The thread as this process last wrote or read it, once the first message on `channel` is written
   * if this process is writing it; null when it has no copy to write on (`ThreadWriter.remembered`).
   * Lets the events of a new contact find its thread without a read, and never create it first.
   */
  async written(workspaceId: string, contactId: string, channel?: { channelId: string; externalId: string }): Promise<VersionedThread | null> {
    if (channel) await this.arriving.get(identityKey(workspaceId, channel.channelId, channel.externalId))?.settled;
    return this.writer.remembered(contactId) ?? null;
  }

  /** The identity no longer leads to that contact (merged away or deleted): ask the contacts service again. */
  forgetIdentity(workspaceId: string, channelId: string, externalId: string): void {
    this.identities.delete(identityKey(workspaceId, channelId, externalId));
  }

  private expectArrival(key: string) {
    let release: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (release = resolve));
    const entry = {
      settled,
      settle: () => {
        clearTimeout(timer);
        if (this.arriving.get(key) === entry) this.arriving.delete(key);
        release();
      },
    };
    // Never waited for longer than this, whatever happens to the write.
    const timer = setTimeout(entry.settle, FIRST_WRITE_WAIT_MS).unref();
    this.arriving.set(key, entry);
    return entry;
  }
}

const identityKey = (workspaceId: string, channelId: string, externalId: string) => `${workspaceId}|${channelId}|${externalId}`;
