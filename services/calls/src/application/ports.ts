import type { CallerScope, ChannelSnapshot, EventEnvelope, ThreadAccess } from '@omnibox/contracts';
import type { CallContact, CallState } from '../domain/call';
import type { CallLogRow } from '../domain/call-log';
import type { Position } from '../domain/call-log-order';
import type { ContactState } from '../domain/contact-state';
import type { PermissionState } from '../domain/permissions';
import type { WorkspaceSettings } from '../domain/settings';

/**
 * What the use cases need from the world, each behind a token so Nest injects the adapter
 * (adapters/mongo, redis, http, grpc, storage) and a test may inject anything else.
 */

/** A stored call: its state and the version that guards read-modify-write. */
export interface VersionedCall extends CallState {
  version: number;
}

export const CALLS = Symbol('Calls');
export interface Calls {
  find(id: string): Promise<VersionedCall | null>;
  /** A call we placed, named by the id the provider gave it. */
  findByProviderId(workspaceId: string, channelId: string, providerCallId: string): Promise<VersionedCall | null>;
  ofContact(contactId: string): Promise<VersionedCall[]>;
  /** Every call still ringing or ongoing (CAL-2's maximum duration). */
  live(): Promise<VersionedCall[]>;
  /** Stores a new call (version 1) with the events announcing it; false when it exists already. */
  create(call: CallState, events: EventEnvelope[]): Promise<boolean>;
  /** Writes `changes` with their events, only if the call is still at `version`; null when it moved on. */
  update(id: string, version: number, changes: Partial<CallState>, events: EventEnvelope[]): Promise<VersionedCall | null>;
}

/** What this service knows of each contact (ContactState), kept from the contacts and conversations services' events. */
export const CONTACT_STATES = Symbol('ContactStates');
/** A contact's state with the version it was read at (`changedSince` tells whether it was written after). */
export interface VersionedContactState {
  state: ContactState | null;
  version: string;
}

export interface ContactStates {
  find(contactId: string): Promise<ContactState | null>;
  /** As `find`, with its version; served from this replica's copy while that version holds. */
  current(contactId: string): Promise<VersionedContactState>;
  /** Whether the state was written since it was read at `version`. */
  changedSince(contactId: string, version: string): Promise<boolean>;
  /** Fills in, from the contacts service's answer, what no event told yet (events are fresher); answers what is known then. */
  fillUnknown(state: ContactState): Promise<ContactState>;
  /**
   * Details and block state from a contact event at `at`; false when a newer one was recorded.
   * `firstSight`: the contact was just created, so its state is most likely not stored yet.
   */
  saveContact(workspaceId: string, contactId: string, details: { contact: CallContact; blocked: boolean; deleted: boolean }, at: string, firstSight?: boolean): Promise<StateWrite>;
  /** The thread's access at `at`; false when a newer one was recorded. */
  saveAccess(workspaceId: string, contactId: string, access: ThreadAccess, at: string): Promise<StateWrite>;
}

/**
 * How a contact event's write went: the stored state changed (`updated`), none was stored and this
 * one was (`inserted`), or a newer one stays (false).
 */
export type StateWrite = 'inserted' | 'updated' | false;

export interface VersionedPermission extends PermissionState {
  version: number;
}

export const PERMISSIONS = Symbol('Permissions');
export interface Permissions {
  find(id: string): Promise<VersionedPermission | null>;
  findByProviderId(workspaceId: string, channelId: string, providerRequestId: string): Promise<VersionedPermission | null>;
  ofContact(contactId: string): Promise<PermissionState[]>;
  /** False when it exists already. */
  create(permission: PermissionState): Promise<boolean>;
  /** Writes it only if it is still at `version`; false when it changed meanwhile. */
  update(id: string, version: number, next: PermissionState): Promise<boolean>;
}

export const SETTINGS = Symbol('Settings');
export interface SettingsStore {
  find(workspaceId: string): Promise<WorkspaceSettings | null>;
  /** Stores the settings with the events announcing the change. */
  save(workspaceId: string, settings: WorkspaceSettings, events: EventEnvelope[]): Promise<void>;
}

/** The workspace's channels as this service knows them (read model of the directory's channels). */
export const CHANNELS = Symbol('Channels');
export interface Channels {
  list(workspaceId: string): Promise<ChannelSnapshot[]>;
  find(workspaceId: string, channelId: string): Promise<ChannelSnapshot | null>;
  save(workspaceId: string, channel: ChannelSnapshot): Promise<void>;
  /** A channel seen on a provider event: stored only while the directory's own event has not arrived. */
  saveIfUnknown(workspaceId: string, channel: ChannelSnapshot): Promise<void>;
}

/** A contact as the contacts service answers it, with its owner. */
export interface ContactRecord {
  contact: CallContact;
  blocked: boolean;
  assigneeId: string | null;
  teamId: string | null;
}

export const CONTACTS = Symbol('Contacts');
export interface Contacts {
  /** The contact as the caller may see it (404 when they may not). */
  visible(caller: CallerScope, contactId: string): Promise<ContactRecord>;
  /** The contact behind a channel identity, created unassigned when first seen (as for messages, CNV-1). */
  resolve(workspaceId: string, identity: { channelId: string; channelType: string; externalId: string; firstName?: string; lastName?: string; phone?: string }): Promise<ContactRecord>;
  /** Where the contact is known: channel → their id there. */
  identities(workspaceId: string, contactId: string): Promise<Array<{ channelId: string; externalId: string }>>;
}

/** The conversations service: CAL-3's assignment goes through its CNV rules. */
export const CONVERSATIONS = Symbol('Conversations');
export interface Conversations {
  /** The contact's thread's assignee as the caller sees it now. */
  assigneeOf(caller: CallerScope, contactId: string): Promise<string | null>;
  /** Assigns the contact's thread to the caller (CNV-4 mode "me"). */
  assignToCaller(caller: CallerScope, contactId: string): Promise<void>;
}

/** The call logs' rows and ordered series (see domain/call-log.ts). */
export const CALL_LOG = Symbol('CallLog');
export interface CallLog {
  /** Moves a call's row to this state; an older version changes nothing. */
  project(row: CallLogRow, version: number): Promise<void>;
  /** The next entries of each series from a position (inclusive of its score), newest first. */
  next(series: string[], from: Position | null, count: number): Promise<Position[][]>;
  rows(ids: string[]): Promise<Array<CallLogRow | null>>;
  /** One call's row; rows asked for at about the same moment are read together. */
  row(id: string): Promise<CallLogRow | null>;
}

/** What a call action tells the provider (API.md: the generic adapter POSTs it to `outboundUrl`). */
export type CallActionName = 'connect' | 'answer' | 'decline' | 'end' | 'record' | 'permission_request';

export interface CallAction {
  /** Our id of the call (or of the permission request). */
  callId: string;
  providerCallId: string | null;
  channel: ChannelSnapshot;
  contact: CallContact & { externalId: string };
  action: CallActionName;
  on?: boolean;
}

/** The provider took the action (with its id of the call when it gives one), or why it did not. */
export type CallActionResult = { ok: true; providerCallId: string | null } | { ok: false; error: string; retryable: boolean };

/** One per provider: call actions go through the channel's adapter. */
export const CALL_ADAPTERS = Symbol('CallAdapters');
export interface CallAdapters {
  send(action: CallAction): Promise<CallActionResult>;
}

/** Recordings in object storage (CAL-5). */
export const RECORDINGS = Symbol('Recordings');
export interface Recordings {
  /** Copies a provider's recording into storage under `key` (outbound guard, size limit). */
  copy(key: string, url: string, contentType: string | null): Promise<{ size: number; contentType: string }>;
  /** Bytes `start` to `end` inclusive. */
  read(key: string, start: number, end: number): Promise<Buffer>;
}

/** The workspace directory's teams with their members (libs/directory). */
export const TEAMS = Symbol('Teams');
export interface Teams {
  ofWorkspace(workspaceId: string): Promise<{ teamIds: string[]; members(teamId: string): string[] }>;
}
