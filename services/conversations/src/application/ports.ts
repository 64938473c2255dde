import type { CallerScope, ChannelSnapshot, EventEnvelope, LinkPreview, MessageSnapshot, ThreadSnapshot, TimelineItem } from '@omnibox/contracts';
import type { AttachmentRecord, MediaCopyOutcome } from '../domain/attachments';
import type { ThreadState } from '../domain/thread';

/**
 * What the use cases need from the world, each behind a token so Nest injects the adapter
 * (adapters/mongo, redis, http, nats, grpc) and a test may inject anything else.
 */

/** A stored thread: its state and the version that guards read-modify-write. */
export interface VersionedThread extends ThreadState {
  version: number;
}

export const THREADS = Symbol('Threads');
export interface Threads {
  find(contactId: string): Promise<VersionedThread | null>;
  /** Stores a new thread (version 1) with the events announcing it; false when it exists already. */
  create(thread: ThreadState, events: EventEnvelope[]): Promise<boolean>;
  /** The same for work that publishes its own events, written together with concurrent ones. */
  createUnannounced(thread: ThreadState): Promise<boolean>;
  /** Writes `changes` with the events announcing them, only if the thread is still at `version`; null when it moved on. */
  update(contactId: string, version: number, changes: Partial<ThreadState>, events: EventEnvelope[]): Promise<VersionedThread | null>;
  /** The same for work that publishes its own events; answers whether it was written. */
  updateUnannounced(contactId: string, version: number, changes: Partial<ThreadState>): Promise<boolean>;
  /** Every snoozed thread and when it is due: the source the snooze schedule is refilled from. */
  snoozed(): Promise<Array<{ workspaceId: string; contactId: string; until: string }>>;
}

/** Where an outgoing message goes: enough for its channel's adapter to reach the contact. */
export interface DeliveryTarget {
  address: string;
  channelType: string;
  outboundUrl: string | null;
  replyContext: boolean;
  /** MSG-2: attempts the provider failed so far (each counts against the message's budget). */
  attempts?: number;
}

/** One entry of a thread's timeline (CNV-9): a message, a comment or an event, as clients see it (`item`). */
export interface TimelineEntry {
  id: string;
  workspaceId: string;
  contactId: string;
  kind: TimelineItem['kind'];
  /** Sort key, newest first. */
  at: string;
  /** False for messages of a blocked contact: kept for audit only (CNV-8). */
  visible: boolean;
  channelId?: string;
  /** Outgoing messages: the id the provider answered, which its status events name (MSG-2). */
  providerMessageId?: string;
  /** Outgoing messages: where the adapter delivers them. */
  delivery?: DeliveryTarget;
  /** E-mails: the Message-ID, for replies that name it (MSG-8). */
  emailMessageId?: string;
  item: TimelineItem;
}

export const TIMELINE = Symbol('Timeline');
export interface Timeline {
  /** An ingested message, written together with concurrent ones; already there after a redelivery. */
  addIngested(entry: TimelineEntry): Promise<'inserted' | 'duplicate'>;
  /** A new entry with the events announcing it, in the same write. */
  add(entry: TimelineEntry, events: EventEnvelope[]): Promise<void>;
  /** Entries recorded by a thread write; with `keepExisting`, an entry already there (redone work) is kept. */
  addRecorded(entries: TimelineEntry[], options: { keepExisting: boolean }): Promise<void>;
  get(id: string): Promise<TimelineEntry | null>;
  exists(id: string): Promise<boolean>;
  findByProviderId(channelId: string, providerMessageId: string): Promise<TimelineEntry | null>;
  /** MSG-8: the e-mail of the workspace with this Message-ID. */
  findByEmailMessageId(workspaceId: string, emailMessageId: string): Promise<TimelineEntry | null>;
  /** The contact's latest incoming message on a channel (MSG-9: WhatsApp's typing and read receipts name it). */
  latestIncoming(contactId: string, channelId: string): Promise<TimelineEntry | null>;
  /**
   * Delivery order: whether the thread has an outgoing message created before this one that still
   * waits for its channel (pending), which must go out first.
   */
  pendingBefore(contactId: string, message: { id: string; at: string }): Promise<boolean>;
  /** A failed delivery attempt to be retried: answers the attempts counted so far. */
  countDeliveryAttempt(id: string): Promise<number>;
  /** Visible entries of a thread, newest first, strictly before `before` (time, then id). */
  page(workspaceId: string, contactId: string, before: { at: string; id: string } | null, limit: number): Promise<TimelineEntry[]>;
  /** MSG-2: a message's new status with the events announcing it; `onlyIfPending` keeps a status reported meanwhile. */
  setMessageStatus(id: string, change: { status: MessageSnapshot['status']; error: string | null; providerMessageId?: string }, events: EventEnvelope[], onlyIfPending: boolean): Promise<void>;
  /** CNV-8: a message of a contact blocked meanwhile is kept for audit only. */
  suppress(id: string): Promise<void>;
  remove(id: string, contactId: string): Promise<void>;
  /** CON-3: a merged contact's timeline joins the kept contact's. */
  moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void>;
  hasMergeOf(contactId: string, mergedContactId: string): Promise<boolean>;
}

export const BROADCASTS = Symbol('Broadcasts');
export interface Broadcasts {
  create(broadcast: { id: string; workspaceId: string; contactIds: string[]; createdBy: string; createdAt: Date }, events: EventEnvelope[]): Promise<void>;
}

/** The workspace's channels as this service knows them (its read model of the directory's channels). */
export const CHANNELS = Symbol('Channels');
export interface Channels {
  /** In the order they were created. */
  list(workspaceId: string): Promise<ChannelSnapshot[]>;
  find(workspaceId: string, channelId: string): Promise<ChannelSnapshot | null>;
  /** A channel the directory announced: stored as announced. */
  save(workspaceId: string, channel: ChannelSnapshot): Promise<void>;
  /** A channel seen on a provider event: stored only while the directory's own event has not arrived. */
  saveIfUnknown(workspaceId: string, channel: ChannelSnapshot): Promise<void>;
}

/** A contact as the contacts service knows it, with its owner. */
export interface ContactRecord {
  contact: ThreadState['contact'];
  assigneeId: string | null;
  teamId: string | null;
}

export const CONTACTS = Symbol('Contacts');
export interface Contacts {
  /** The contact as the caller may see it (404 when they may not). */
  get(caller: CallerScope, contactId: string): Promise<ContactRecord>;
  /** Fresh details (block state, phone, e-mail), whoever asks. */
  getAsSystem(workspaceId: string, contactId: string): Promise<ContactRecord>;
  /** Which of these ids are contacts of the caller's workspace they may see. */
  existing(caller: CallerScope, contactIds: string[]): Promise<string[]>;
  /** The contact behind a channel identity, created unassigned when first seen (CNV-1; `created`: just now). */
  resolve(workspaceId: string, identity: ChannelContactIdentity): Promise<ContactRecord & { created: boolean }>;
}

/** Who wrote in on a channel, as the provider names them. */
export interface ChannelContactIdentity {
  channelId: string;
  channelType: string;
  externalId: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

export interface DueSnooze {
  workspaceId: string;
  contactId: string;
  lease: number;
}

/** When each snoozed thread is due (CNV-7), shared by every replica. */
export const SNOOZE_SCHEDULE = Symbol('SnoozeSchedule');
export interface SnoozeSchedule {
  schedule(workspaceId: string, contactId: string, until: Date): Promise<void>;
  /** Adds entries that are missing, leaving ones already there (and their leases) alone. */
  restore(entries: Array<{ workspaceId: string; contactId: string; until: Date }>): Promise<void>;
  cancel(workspaceId: string, contactId: string): Promise<void>;
  /** Due entries, each claimed by this replica only for a while. */
  claimDue(): Promise<DueSnooze[]>;
  release(entry: DueSnooze): Promise<void>;
  reschedule(entry: DueSnooze, until: Date): Promise<void>;
}

/** MSG-9: who is typing, for a few seconds, and the frames the realtime gateway pushes. */
export const TYPING = Symbol('Typing');
export interface Typing {
  set(contactId: string, userId: string, typing: boolean): Promise<void>;
  typingUsers(contactId: string): Promise<string[]>;
  announce(frame: { workspaceId: string; contactId: string; userId: string; typing: boolean; thread: ThreadSnapshot }): Promise<void>;
}

/** CNV-4: turns of a team's round-robin, shared by every replica (1, 2, 3 …). */
export const ROUND_ROBIN = Symbol('RoundRobin');
export interface RoundRobin {
  nextTurn(workspaceId: string, teamId: string): Promise<number>;
}

/** The file of an outgoing message as a provider gets it: a signed URL it can fetch (CHN-3). */
export interface DeliveredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  kind: 'image' | 'audio' | 'video' | 'document';
  url: string;
}

/** What a channel's adapter needs to reach the contact. */
export interface Delivery extends DeliveryTarget {
  channelId: string;
  /** The channel as this service knows it now: its adapter, provider settings and sealed credentials (null: not known here). */
  channel: ChannelSnapshot | null;
  contact: { id: string; firstName: string; lastName: string | null };
  /** The message's file, when it carries one. */
  attachment?: DeliveredAttachment;
  /** MSG-4: the provider's id of the quoted message, when it has one. */
  quotedProviderMessageId?: string;
  /** MSG-9: the provider's id of the contact's latest message on the channel (WhatsApp's typing and read receipts name it). */
  latestIncomingProviderMessageId?: string;
}

/** The provider's answer for a delivered message, or why it refused (its own error text). */
export type DeliveryResult = { ok: true; providerMessageId: string } | { ok: false; error: string; retryable: boolean };

/** One per provider: outbound messages, typing and read receipts go through it (MSG-2, MSG-4, MSG-9). */
export const CHANNEL_ADAPTER = Symbol('ChannelAdapter');
export interface ChannelAdapter {
  send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult>;
  /** Best effort: never throws. */
  typing(delivery: Delivery, typing: boolean): Promise<void>;
  /** Tells the contact their messages were read, where the provider shows it (best effort: never throws). */
  markRead(delivery: Delivery): Promise<void>;
}

/** CHN-3: where a provider serves a file it names by its own id (a WhatsApp media id, a Telegram file id). */
export const PROVIDER_MEDIA = Symbol('ProviderMedia');
export interface ProviderMedia {
  /** The file's download URL and the headers it needs (a bearer token), or why it cannot be had. */
  locate(channel: ChannelSnapshot, providerFileId: string): Promise<{ url: string; headers?: Record<string, string> } | { error: string }>;
}

/** MSG-6: a page's preview; null whenever it cannot be had (never a failed send). */
export const LINK_PREVIEWS = Symbol('LinkPreviews');
export interface LinkPreviews {
  preview(url: string): Promise<LinkPreview | null>;
}

/** Publishes events straight away (work that is redone until done announces itself, see ThreadWriter). */
export const EVENT_PUBLISHER = Symbol('EventPublisher');
export interface EventPublisher {
  publish(event: EventEnvelope): Promise<void>;
}

/** The attachment records (MSG-10): uploads, sent files and incoming media. */
export const ATTACHMENTS = Symbol('Attachments');
export interface Attachments {
  /** A new record; false when one with its id exists already (a redone copy of incoming media). */
  create(record: AttachmentRecord): Promise<boolean>;
  find(id: string): Promise<AttachmentRecord | null>;
  /** Links an upload to the message sending it, only while it is still `uploaded`; false otherwise. */
  markSent(id: string, link: { messageId: string; contactId: string; at: string }): Promise<boolean>;
  /** Undoes `markSent` when the message could not be stored. */
  unmarkSent(id: string, messageId: string): Promise<void>;
  /** Uploads never sent made before `cutoff`, and removals started and not finished. */
  orphans(cutoff: string, limit: number): Promise<AttachmentRecord[]>;
  /** Starts removing an orphan, only while it is unsent; false when it was sent meanwhile. */
  markDeleting(id: string): Promise<boolean>;
  /** Drops a record whose removal was started. */
  removeDeleting(id: string): Promise<void>;
}

/** The attachments' bytes in object storage. */
export const ATTACHMENT_FILES = Symbol('AttachmentFiles');
export interface AttachmentFiles {
  /** A URL anyone holding it may GET the file with until it expires: short for clients, longer for providers. */
  signedUrl(storageKey: string, audience: 'client' | 'provider'): Promise<string>;
  delete(storageKey: string): Promise<void>;
  /** Copies a provider's file into storage under `storageKey` (bounded, guarded, retried); never throws. */
  copyFromProvider(url: string, storageKey: string, fileName: string, headers?: Record<string, string>): Promise<MediaCopyOutcome>;
}
