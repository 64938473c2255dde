import type { CallProviderEventKind } from '@omnibox/contracts';
import { CallState, earlier, isLive, secondsBetween } from './call';

/**
 * What the provider reports about a call, applied to its state. Events may arrive twice or out of
 * order, so each one only moves the call forward with what it proves: a repeat changes nothing, an
 * `answered` that arrives after `ended` still makes the call a talked one with the right duration,
 * and a late `ringing` only moves the start earlier.
 */
export interface ProviderCallEvent {
  /** The provider's id of the event. */
  id: string;
  kind: CallProviderEventKind;
  /** When it happened (the provider's time, never later than when we received it). */
  at: string;
  /** Talk time as the provider counts it (on `ended`). */
  durationSeconds?: number;
}

/** How many applied event ids a call remembers. */
const REMEMBERED_EVENTS = 32;

/** Permission events concern the contact, not a call (see permissions.ts). */
export const isPermissionEvent = (kind: CallProviderEventKind): boolean => kind.startsWith('permission_');

/** The call after the event, or null when the event changes nothing (a repeat, or nothing new). */
export function applyProviderEvent(state: CallState, event: ProviderCallEvent): CallState | null {
  if (state.appliedEventIds.includes(event.id)) return null;
  const next = transition(state, event);
  if (!next) return null;
  return { ...next, appliedEventIds: [...state.appliedEventIds, event.id].slice(-REMEMBERED_EVENTS) };
}

function transition(state: CallState, event: ProviderCallEvent): CallState | null {
  switch (event.kind) {
    case 'ringing':
      return event.at < state.startedAt ? { ...state, startedAt: event.at } : null;
    case 'answered':
      return answered(state, event.at);
    case 'ended':
      return ended(state, event.at, event.durationSeconds);
    case 'missed':
      return isLive(state) && !state.answeredAt ? finish(state, 'missed', 'missed', event.at) : null;
    case 'rejected':
      return state.status === 'ringing' ? finish(state, 'rejected', 'rejected', event.at) : null;
    case 'failed':
      return isLive(state) ? finish(state, 'failed', 'failed', event.at) : null;
    default:
      return null;
  }
}

function answered(state: CallState, at: string): CallState | null {
  const startedAt = earlier(state.startedAt, at);
  if (state.status === 'ringing') return { ...state, status: 'ongoing', answeredAt: at, startedAt };
  if (state.answeredAt || !state.endedAt || at > state.endedAt) return null;
  // It ended before its `answered` arrived: the call was talked after all.
  if (state.endReason === 'missed' || state.endReason === 'unanswered') {
    return { ...state, status: 'ended', endReason: 'completed', answeredAt: at, startedAt, durationSeconds: secondsBetween(at, state.endedAt) };
  }
  if (state.endReason === 'max_duration') return { ...state, answeredAt: at, startedAt, durationSeconds: secondsBetween(at, state.endedAt) };
  return null;
}

function ended(state: CallState, at: string, reported: number | undefined): CallState | null {
  if (!isLive(state)) {
    // The provider's own count of the talk time is the one kept, whenever it comes.
    const talked = state.status === 'ended' && state.answeredAt !== null;
    return talked && reported !== undefined && reported !== state.durationSeconds ? { ...state, durationSeconds: reported } : null;
  }
  const endedAt = state.answeredAt && at < state.answeredAt ? state.answeredAt : at;
  // An `ended` with talk time proves an answer whose event has not arrived (yet).
  const answeredAt = state.answeredAt ?? (reported ? new Date(Date.parse(endedAt) - reported * 1000).toISOString() : null);
  if (answeredAt) {
    return { ...state, status: 'ended', endReason: 'completed', answeredAt, startedAt: earlier(state.startedAt, answeredAt), endedAt, durationSeconds: reported ?? secondsBetween(answeredAt, endedAt) };
  }
  // Never answered: an incoming call was missed, an outgoing one went unanswered.
  return state.direction === 'incoming' ? finish(state, 'missed', 'missed', endedAt) : finish(state, 'ended', 'unanswered', endedAt);
}

/** Ends a call with a status and reason at a time; its talk time runs from the answer, if any. */
export function finish(state: CallState, status: CallState['status'], endReason: NonNullable<CallState['endReason']>, at: string): CallState {
  const endedAt = state.answeredAt && at < state.answeredAt ? state.answeredAt : at;
  return { ...state, status, endReason, endedAt, durationSeconds: state.answeredAt ? secondsBetween(state.answeredAt, endedAt) : 0 };
}
