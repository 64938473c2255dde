import type { CallEndReason, CallSnapshot, CallStatus, RecordingStatus, ThreadAccess } from '@omnibox/contracts';

/**
 * A voice call (CAL-1…5) as pure state: one per provider call, driven by the provider's events (see
 * call-events.ts) and by agents' actions (agent-actions.ts). Times are ISO 8601 UTC strings.
 */
export type CallDirection = 'incoming' | 'outgoing';

export interface CallContact {
  id: string;
  firstName: string;
  lastName: string | null;
  phone: string | null;
}

/** A recording the provider delivered, not copied into storage yet (CAL-5). */
export interface RecordingSource {
  url: string;
  contentType: string | null;
  durationSeconds: number | null;
}

export interface CallRecording {
  status: RecordingStatus;
  /** Where the provider's file is kept in object storage, once copied. */
  key: string | null;
  size: number | null;
  contentType: string | null;
  durationSeconds: number | null;
  source: RecordingSource | null;
}

export interface CallState {
  id: string;
  workspaceId: string;
  channelId: string;
  channelType: string;
  /** The provider's id of the call; null for a call we placed until the provider answers with one. */
  providerCallId: string | null;
  contactId: string;
  contact: CallContact;
  /** The contact's id on the channel (where call actions reach them). */
  externalId: string;
  direction: CallDirection;
  status: CallStatus;
  startedAt: string;
  /** The timer's start (CAL-2). */
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
  /** Talk time: answered → ended, 0 if never answered. */
  durationSeconds: number;
  answeredBy: string | null;
  /** The workspace's maximum when the call started (CAL-2). */
  maxDurationSeconds: number;
  recording: CallRecording;
  transcript: { text: string; language: string | null } | null;
  /** The contact's thread access (VIS-1…4), kept from the conversations service's events. */
  access: ThreadAccess;
  blocked: boolean;
  deleted: boolean;
  /** The latest provider events applied: a repeat changes nothing. */
  appliedEventIds: string[];
  updatedAt: string;
}

export const NO_RECORDING: CallRecording = { status: 'off', key: null, size: null, contentType: null, durationSeconds: null, source: null };

/** Ringing or ongoing. */
export const isLive = (state: Pick<CallState, 'status'>): boolean => state.status === 'ringing' || state.status === 'ongoing';

/** Seconds between two times, never negative. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** The earlier of two ISO times. */
export const earlier = (a: string, b: string): string => (a <= b ? a : b);

export interface NewCall {
  id: string;
  workspaceId: string;
  channel: { id: string; type: string };
  providerCallId: string | null;
  contact: CallContact;
  externalId: string;
  direction: CallDirection;
  at: string;
  maxDurationSeconds: number;
  access: ThreadAccess;
  blocked: boolean;
}

/** A call that just started ringing. */
export function newCall(input: NewCall): CallState {
  return {
    id: input.id,
    workspaceId: input.workspaceId,
    channelId: input.channel.id,
    channelType: input.channel.type,
    providerCallId: input.providerCallId,
    contactId: input.contact.id,
    contact: input.contact,
    externalId: input.externalId,
    direction: input.direction,
    status: 'ringing',
    startedAt: input.at,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    durationSeconds: 0,
    answeredBy: null,
    maxDurationSeconds: input.maxDurationSeconds,
    recording: NO_RECORDING,
    transcript: null,
    access: input.access,
    blocked: input.blocked,
    deleted: false,
    appliedEventIds: [],
    updatedAt: input.at,
  };
}

/** What clients see of a call (API.md `call`, before the phone number is masked for the caller). */
export interface CallView {
  id: string;
  contactId: string;
  contact: CallContact;
  channelId: string;
  channelType: string;
  direction: CallDirection;
  status: CallStatus;
  assigneeId: string | null;
  answeredBy: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
  endReason: CallEndReason | null;
  recording: { status: RecordingStatus };
  transcript: { available: boolean };
  providerCallId: string | null;
}

export function viewOf(state: CallState): CallView {
  return {
    id: state.id,
    contactId: state.contactId,
    contact: state.contact,
    channelId: state.channelId,
    channelType: state.channelType,
    direction: state.direction,
    status: state.status,
    assigneeId: state.access.assigneeId,
    answeredBy: state.answeredBy,
    startedAt: state.startedAt,
    answeredAt: state.answeredAt,
    endedAt: state.endedAt,
    durationSeconds: state.durationSeconds,
    endReason: state.endReason,
    recording: { status: state.recording.status },
    transcript: { available: state.transcript !== null },
    providerCallId: state.providerCallId,
  };
}

/** The call as events carry it: no phone number (agents may see it masked, CAL-1). */
export function snapshotOf(state: CallState): CallSnapshot {
  const view = viewOf(state);
  return { ...view, contact: { id: view.contact.id, firstName: view.contact.firstName, lastName: view.contact.lastName } };
}

/** Fields whose change is announced (`calls.call.updated`); access and contact details are read models here. */
const ANNOUNCED: Array<keyof CallView> = ['status', 'startedAt', 'answeredAt', 'endedAt', 'durationSeconds', 'endReason', 'answeredBy', 'recording', 'transcript'];

/** Whether a view of the call already shows everything `snapshot` announced (so an event's state is in it). */
export function showsAnnounced(view: CallView, snapshot: CallSnapshot): boolean {
  return view.id === snapshot.id && ANNOUNCED.every((key) => JSON.stringify(view[key]) === JSON.stringify(snapshot[key]));
}

/** The announced fields that differ between two states of a call. */
export function announcedChanges(before: CallState | null, after: CallState): string[] {
  const next = viewOf(after);
  if (!before) return [...ANNOUNCED];
  const previous = viewOf(before);
  return ANNOUNCED.filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(next[key]));
}

/** The stored fields that differ between two states (what a write sets). */
export function changedFields(before: CallState, after: CallState): Array<keyof CallState> {
  return (Object.keys(after) as Array<keyof CallState>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
