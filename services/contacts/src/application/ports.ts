import type { EventEnvelope, ThreadAccess } from '@omnibox/contracts';
import type { ChannelIdentity } from '../domain/channel-identity';
import type { Contact, ContactDetails, ContactEdit } from '../domain/contact-details';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import type { MergeRecord } from '../domain/merge';

/**
 * The ports of the contacts service's use cases. Writes that announce something take the events
 * and store them with the change (the outbox), so a crash between the two loses nothing.
 */

/** What an exact lookup matches (a live contact's stored phone, e-mail, or id). */
export type ContactMatch = { phone: string } | { email: string } | { id: string };

export interface ContactRepository {
  /** The contact with this id whatever its workspace or state (the caller decides what it may see). */
  byId(id: string): Promise<Contact | null>;
  /** The contacts with these ids, whatever their workspace or state, in no particular order. */
  byIds(ids: string[]): Promise<Contact[]>;
  /** The contact of the workspace unless deleted or merged away. */
  live(workspaceId: string, id: string): Promise<Contact | null>;
  /** Live contacts of the workspace matching exactly; at most `limit`. */
  liveMatching(workspaceId: string, match: ContactMatch, limit: number): Promise<Contact[]>;
  /** The live contacts of the workspace among these ids. */
  liveAmong(workspaceId: string, ids: string[]): Promise<Contact[]>;
  /** Live contacts other than `exceptId` with this phone or this e-mail, oldest first; at most `limit`. */
  sharingIdentity(workspaceId: string, exceptId: string, identity: Pick<Contact, 'phone' | 'email'>, limit: number): Promise<Contact[]>;
  insert(contact: Contact, events: EventEnvelope[]): Promise<void>;
  /** Like `insert`; false (and nothing written) when a contact with this id exists already. */
  insertIfAbsent(contact: Contact, events: EventEnvelope[]): Promise<boolean>;
  /** `insertIfAbsent` for many contacts at once (one write for all); answers in the same order. */
  insertAllIfAbsent(entries: Array<{ contact: Contact; events: EventEnvelope[] }>): Promise<boolean[]>;
  /** Applies an edit to a live contact; answers it as it is after the edit, or null when it is gone. */
  edit(workspaceId: string, id: string, edit: ContactEdit, at: Date, events: EventEnvelope[]): Promise<Contact | null>;
  /** Replaces all details of a live contact (a merge); null when it is gone. */
  replaceDetails(workspaceId: string, id: string, details: ContactDetails, at: Date, events: EventEnvelope[]): Promise<Contact | null>;
  /** Sets the blocked flag of a live contact whose flag differs; null when nothing matched. */
  setBlocked(workspaceId: string, id: string, blocked: boolean, at: Date, events: EventEnvelope[]): Promise<Contact | null>;
  /** Marks a live contact deleted; false when nothing matched. */
  markDeleted(workspaceId: string, id: string, at: Date, events: EventEnvelope[]): Promise<boolean>;
  markMergedInto(workspaceId: string, id: string, targetId: string, at: Date): Promise<void>;
  /** Sets who may see the contact, unless a newer thread state (`at`) was applied already. */
  applyAccess(workspaceId: string, id: string, access: ThreadAccess, at: string): Promise<void>;
}

export interface ChannelIdentityRepository {
  find(workspaceId: string, channelId: string, externalId: string): Promise<ChannelIdentity | null>;
  /** Claims the (channel, external id) pair for its contact; false when it was claimed already. */
  claim(identity: ChannelIdentity): Promise<boolean>;
  /** `claim` for many pairs at once (one write for all); answers in the same order. */
  claimAll(identities: ChannelIdentity[]): Promise<boolean[]>;
  /** The identities of these pairs of the workspace that are claimed, in no particular order. */
  findAll(workspaceId: string, pairs: Array<Pick<ChannelIdentity, 'channelId' | 'externalId'>>): Promise<ChannelIdentity[]>;
  /** The contact's identities, oldest first. */
  ofContact(workspaceId: string, contactId: string): Promise<ChannelIdentity[]>;
  moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void>;
  /** Frees the contact's identities: the next message on them makes a new contact. */
  releaseAll(workspaceId: string, contactId: string): Promise<void>;
}

/** A static note on a contact (SRC-4). */
export interface Note {
  id: string;
  workspaceId: string;
  contactId: string;
  text: string;
  authorId: string;
  createdAt: Date;
}

export interface NotePage {
  items: Note[];
  nextCursor: string | null;
}

export interface NoteRepository {
  add(note: Note, events: EventEnvelope[]): Promise<void>;
  /** Newest first; `cursor` is the last id of the previous page. */
  page(workspaceId: string, contactId: string, limit: number, cursor?: string): Promise<NotePage>;
  moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void>;
}

/** A workspace-level definition of a typed custom field (CON-2). */
export interface CustomField extends CustomFieldDefinition {
  workspaceId: string;
  createdAt: Date;
}

export interface CustomFieldRepository {
  /** The workspace's definitions, oldest first. */
  ofWorkspace(workspaceId: string): Promise<CustomField[]>;
  /** false when the workspace has a field with this key already. */
  add(field: CustomField): Promise<boolean>;
}

export interface MergeRepository {
  /** The merge of this (merged-away) contact, if one began. */
  of(workspaceId: string, sourceId: string): Promise<MergeRecord | null>;
  /** Records a merge's start; false when a merge of the same source was recorded first. */
  start(record: MergeRecord): Promise<boolean>;
  finish(workspaceId: string, sourceId: string, at: Date): Promise<void>;
}

/** New ids for contacts and notes: unique, and in creation order (notes are listed by id). */
export interface IdGenerator {
  next(): string;
}

export const CONTACTS = Symbol('ContactRepository');
export const CHANNEL_IDENTITIES = Symbol('ChannelIdentityRepository');
export const NOTES = Symbol('NoteRepository');
export const CUSTOM_FIELDS = Symbol('CustomFieldRepository');
export const MERGES = Symbol('MergeRepository');
export const IDS = Symbol('IdGenerator');
