import type { ActivityAnswer, CallAnswer, CallPageAnswer, WorkspaceSettingsAnswer } from '@omnibox/contracts';

/** calls.proto → API.md "Calls": absent optional fields are API.md's nulls. */

/** API.md `call`. */
export function callView(call: CallAnswer) {
  return {
    id: call.id,
    contactId: call.contactId,
    contact: { id: call.contact?.id ?? call.contactId, firstName: call.contact?.firstName ?? '', lastName: call.contact?.lastName ?? null, phone: call.contact?.phone ?? null },
    channelId: call.channelId,
    channelType: call.channelType,
    direction: call.direction,
    status: call.status,
    assigneeId: call.assigneeId ?? null,
    answeredBy: call.answeredBy ?? null,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt ?? null,
    endedAt: call.endedAt ?? null,
    durationSeconds: call.durationSeconds,
    endReason: call.endReason ?? null,
    recording: { status: call.recording?.status ?? 'off' },
    transcript: { available: call.transcript?.available ?? false },
    providerCallId: call.providerCallId ?? null,
  };
}

export function callPageView(page: CallPageAnswer) {
  return { items: page.items.map(callView), nextCursor: page.nextCursor ?? null };
}

/** API.md `GET /v1/contacts/{id}/calls`: `callActivity` items grouped by date. */
export function activityView(activity: ActivityAnswer) {
  return {
    groups: activity.groups.map((group) => ({
      date: group.date,
      items: group.items.map((item) => ({
        id: item.id,
        callId: item.callId ?? null,
        type: item.type,
        status: item.status,
        at: item.at,
        ...(item.durationSeconds !== undefined ? { durationSeconds: item.durationSeconds } : {}),
        ...(item.answeredBy ? { answeredBy: item.answeredBy } : {}),
        ...(item.recording ? { recording: { status: item.recording.status, ...(item.recording.status === 'available' && item.callId ? { url: `/v1/calls/${item.callId}/recording` } : {}) } } : {}),
        ...(item.transcript ? { transcript: { available: item.transcript.available, ...(item.transcript.available && item.callId ? { url: `/v1/calls/${item.callId}/transcript` } : {}) } } : {}),
      })),
    })),
  };
}

/** API.md workspace settings. */
export function settingsView(settings: WorkspaceSettingsAnswer) {
  const calls = settings.calls;
  return {
    timezone: settings.timezone,
    calls: { recording: calls?.recording ?? false, transcripts: calls?.transcripts ?? false, maxDurationSeconds: calls?.maxDurationSeconds ?? 3600, maskPhoneNumbers: calls?.maskPhoneNumbers ?? false },
  };
}
