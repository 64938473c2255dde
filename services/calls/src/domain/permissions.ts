import type { CallProviderEventKind } from '@omnibox/contracts';

/**
 * Call permission (WhatsApp): the business asks the contact whether it may call them, and the contact
 * accepts or rejects (CAL-5 activity: permission request accepted / rejected). One request per
 * provider id; the contact's latest answer counts.
 */
export type PermissionStatus = 'requested' | 'accepted' | 'rejected';

export interface PermissionState {
  id: string;
  workspaceId: string;
  channelId: string;
  contactId: string;
  /** The provider's id of the request, when it is not ours. */
  providerRequestId: string | null;
  status: PermissionStatus;
  requestedAt: string;
  answeredAt: string | null;
  appliedEventIds: string[];
}

export interface PermissionEvent {
  id: string;
  kind: CallProviderEventKind;
  at: string;
}

const REMEMBERED_EVENTS = 16;

/** The request after the provider's event, or null when it changes nothing (a repeat, an older answer). */
export function applyPermissionEvent(state: PermissionState, event: PermissionEvent): PermissionState | null {
  if (state.appliedEventIds.includes(event.id)) return null;
  const next = transition(state, event);
  return next ? { ...next, appliedEventIds: [...state.appliedEventIds, event.id].slice(-REMEMBERED_EVENTS) } : null;
}

function transition(state: PermissionState, event: PermissionEvent): PermissionState | null {
  if (event.kind === 'permission_requested') return event.at < state.requestedAt ? { ...state, requestedAt: event.at } : null;
  const status: PermissionStatus | null = event.kind === 'permission_accepted' ? 'accepted' : event.kind === 'permission_rejected' ? 'rejected' : null;
  if (!status) return null;
  if (state.answeredAt && event.at <= state.answeredAt) return null;
  return status === state.status ? { ...state, answeredAt: event.at } : { ...state, status, answeredAt: event.at };
}
