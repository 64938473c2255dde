import type { ActivityItemMessage, CallMessage, PermissionRequestedMessage, WorkspaceSettingsMessage } from '@omnibox/contracts';
import type { ActivityItem } from '../../domain/activity';
import type { CallView } from '../../domain/call';
import type { PermissionState } from '../../domain/permissions';
import type { WorkspaceSettings } from '../../domain/settings';

/** Domain → calls.proto: null is an absent optional field. */
const optional = <T>(value: T | null): T | undefined => value ?? undefined;

export function callMessage(call: CallView): CallMessage {
  return {
    id: call.id,
    contactId: call.contactId,
    contact: { id: call.contact.id, firstName: call.contact.firstName, lastName: optional(call.contact.lastName), phone: optional(call.contact.phone) },
    channelId: call.channelId,
    channelType: call.channelType,
    direction: call.direction,
    status: call.status,
    assigneeId: optional(call.assigneeId),
    answeredBy: optional(call.answeredBy),
    startedAt: call.startedAt,
    answeredAt: optional(call.answeredAt),
    endedAt: optional(call.endedAt),
    durationSeconds: call.durationSeconds,
    endReason: optional(call.endReason),
    recording: call.recording,
    transcript: call.transcript,
    providerCallId: optional(call.providerCallId),
  };
}

export function activityItemMessage(item: ActivityItem): ActivityItemMessage {
  return {
    id: item.id,
    callId: optional(item.callId),
    type: item.type,
    status: item.status,
    at: item.at,
    durationSeconds: optional(item.durationSeconds),
    answeredBy: optional(item.answeredBy),
    recording: item.recording,
    transcript: item.transcript,
  };
}

export function permissionMessage(permission: PermissionState): PermissionRequestedMessage {
  return { id: permission.id, contactId: permission.contactId, channelId: permission.channelId, status: permission.status, requestedAt: permission.requestedAt };
}

export function settingsMessage(settings: WorkspaceSettings): WorkspaceSettingsMessage {
  return { timezone: settings.timezone, calls: settings.calls };
}
