import type { CallerScope } from '../identity/caller';
import type { ThreadAccess } from '../identity/visibility';
import { defineEvent } from './envelope';

/** What a provider reports about a voice call (API.md "Calls": provider call events on the signed ingress). */
export const CALL_PROVIDER_EVENTS = ['ringing', 'answered', 'ended', 'missed', 'rejected', 'failed', 'permission_requested', 'permission_accepted', 'permission_rejected'] as const;
export type CallProviderEventKind = (typeof CALL_PROVIDER_EVENTS)[number];

/** A provider call event as the gateway accepted it (`{type: "call", …}` on the ingress, or a WhatsApp `calls` webhook). */
export interface InboundCallEvent {
  type: 'call';
  /** The provider's id of this event: a repeat of it is applied once. */
  id: string;
  /** When the provider says it happened (ISO 8601; events may arrive out of order). */
  timestamp: string;
  contact: { externalId: string; firstName?: string; lastName?: string; phone?: string };
  call: {
    /** The provider's call id: one call document per (channel, provider call id). */
    id: string;
    direction: 'incoming' | 'outgoing';
    event: CallProviderEventKind;
    reason?: string;
    durationSeconds?: number;
    recording?: { url: string; durationSeconds?: number; contentType?: string };
    transcript?: { text: string; language?: string };
  };
}

export type CallStatus = 'ringing' | 'ongoing' | 'ended' | 'missed' | 'rejected' | 'failed';
export type CallEndReason = 'completed' | 'max_duration' | 'missed' | 'rejected' | 'failed' | 'unanswered';

/** A call as other services see it (API.md `call`, without what only the calls service's readers need). */
export interface CallSnapshot {
  id: string;
  contactId: string;
  channelId: string;
  channelType: string;
  direction: 'incoming' | 'outgoing';
  status: CallStatus;
  assigneeId: string | null;
  answeredBy: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
  endReason: CallEndReason | null;
  /** The contact as the call shows it (never the phone number: agents may see it masked, CAL-1). */
  contact?: { id: string; firstName: string; lastName: string | null };
  recording?: { status: RecordingStatus };
  transcript?: { available: boolean };
  /** The provider's id of the call (null for a call we placed until the provider gives one). */
  providerCallId?: string | null;
}

/** API.md `call.recording.status`: off, turned on or stopped by an agent (CAL-2), or the provider's file stored (CAL-5). */
export type RecordingStatus = 'off' | 'on' | 'stopped' | 'available';

/**
 * A call changed (`changed` names the fields). `access` is the contact's thread access when the call
 * changed, and `teamId` the thread's team, so consumers apply VIS-4 without asking anyone: the realtime
 * hub (`call.updated` frames), the conversations timeline (`call` events), notifications (`missed_call`:
 * the assignee, or for an unassigned contact the members of the thread's team).
 */
export const CallUpdated = defineEvent<{ call: CallSnapshot; changed: string[]; access: ThreadAccess; contactBlocked: boolean }>('calls.call.updated');

/**
 * CAL-3: the agent who answered a call (or placed one) takes its unassigned contact. `caller` is the
 * scope the agent acted with, so the assignment is theirs (the conversations service's `Assign`, mode
 * `me`, with its CNV rules and timeline event). Written with the call, so a crash cannot lose it.
 */
export const CallAssignmentRequested = defineEvent<{ callId: string; contactId: string; caller: CallerScope }>('calls.call.assignment_requested');

/** The provider delivered a call's recording (CAL-5): the calls service copies it into object storage. */
export const CallRecordingDelivered = defineEvent<{ callId: string; url: string; contentType: string | null; durationSeconds: number | null }>('calls.call.recording_delivered');

/** API.md workspace settings, owned by the calls service (its only reader so far; see services/calls/README.md). */
export interface WorkspaceSettingsSnapshot {
  /** IANA time zone: call activity dates are days there (CAL-5). */
  timezone: string;
  calls: { recording: boolean; transcripts: boolean; maxDurationSeconds: number; maskPhoneNumbers: boolean };
}

/** The workspace settings changed: for services that keep a copy (e.g. of the time zone). */
export const WorkspaceSettingsUpdated = defineEvent<{ settings: WorkspaceSettingsSnapshot; changed: string[] }>('calls.settings.updated');
