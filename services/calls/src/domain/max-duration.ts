import { CallState, isLive } from './call';
import { finish } from './call-events';

/** CAL-2: the workspace's maximum call duration (API.md: default 3600 s, at least 5 s). */
export const DEFAULT_MAX_DURATION_SECONDS = 3600;
export const MIN_MAX_DURATION_SECONDS = 5;
/** Our own ceiling: a day. */
export const MAX_MAX_DURATION_SECONDS = 86_400;

/** When a call still ringing or ongoing ends by itself. */
export function deadlineOf(state: Pick<CallState, 'startedAt' | 'maxDurationSeconds'>): string {
  return new Date(Date.parse(state.startedAt) + state.maxDurationSeconds * 1000).toISOString();
}

/**
 * CAL-2: a call still ringing or ongoing at its maximum duration ends by itself (`max_duration`), at
 * that time. Null when it is over already or not due yet, so ending it twice changes nothing.
 */
export function endAtMaximum(state: CallState, now: Date): CallState | null {
  if (!isLive(state)) return null;
  const deadline = deadlineOf(state);
  if (now.getTime() < Date.parse(deadline)) return null;
  return finish(state, 'ended', 'max_duration', deadline);
}
