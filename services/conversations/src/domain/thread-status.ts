import type { EventSource, ThreadStatus } from '@omnibox/contracts';
import type { ThreadState, Transition } from './thread';

/** Enters a status now; opening starts a new conversation episode. */
export function moveTo(state: ThreadState, status: ThreadStatus, now: string): ThreadState {
  return { ...state, status, statusSince: now, previousStatus: null, snoozedUntil: null, snoozedAt: null, previousStatusSince: null, episode: status === 'open' ? state.episode + 1 : state.episode };
}

/**
 * CNV-6: close or open by hand (or by API, workflow, bot, contact merge), with category and summary.
 * CNV-3: the assignee stays whatever the status.
 */
export function setStatus(
  state: ThreadState,
  status: 'open' | 'closed',
  source: EventSource,
  actorId: string | null,
  now: string,
  details: { category?: string; summary?: string } = {},
): Transition {
  if (state.status === status) return { state, events: [] };
  const data: Record<string, unknown> = {};
  if (details.category) data.category = details.category;
  if (details.summary) data.summary = details.summary;
  if (state.status === 'snoozed') data.wasSnoozedUntil = state.snoozedUntil;
  return {
    state: { ...moveTo(state, status, now), updatedAt: now },
    events: [{ category: status === 'open' ? 'open' : 'close', type: status === 'open' ? 'opened' : 'closed', source, actorId, data: Object.keys(data).length ? data : undefined }],
  };
}
