import { Actor, RuleRefusal, sourceOf, ThreadState, Transition } from './thread';

/**
 * Ends a snooze (CNV-7): back to the status it interrupted. The time spent in that status before
 * the snooze still counts (FLT-4), so statusSince is shifted by the length of the snooze.
 */
export function endSnooze(state: ThreadState, now: string): ThreadState {
  const status = state.previousStatus ?? 'open';
  const before = state.previousStatusSince && state.snoozedAt ? Date.parse(state.snoozedAt) - Date.parse(state.previousStatusSince) : 0;
  const since = new Date(Date.parse(now) - Math.max(0, before)).toISOString();
  return { ...state, status, statusSince: since, previousStatus: null, snoozedUntil: null, snoozedAt: null, previousStatusSince: null };
}

/** CNV-7: snooze until a future time; blocked contacts cannot be snoozed. */
export function snooze(state: ThreadState, until: string, actor: Actor, now: string): Transition | RuleRefusal {
  if (state.contact.blocked) return { refused: 'contact_blocked', message: 'A blocked contact cannot be snoozed; unblock the contact first' };
  const interrupted = state.status === 'snoozed' ? state.previousStatus ?? 'open' : state.status;
  const interruptedSince = state.status === 'snoozed' ? state.previousStatusSince : state.statusSince;
  return {
    state: {
      ...state,
      status: 'snoozed',
      previousStatus: interrupted,
      previousStatusSince: interruptedSince,
      snoozedAt: state.status === 'snoozed' ? state.snoozedAt : now,
      snoozedUntil: until,
      statusSince: state.status === 'snoozed' ? state.statusSince : now,
      updatedAt: now,
    },
    events: [{ category: 'snooze', type: 'snoozed', source: sourceOf(actor), actorId: actor.id, data: { until, previousStatus: interrupted } }],
  };
}

/** CNV-7: wake at the chosen time (early = unsnoozed by hand); null when the thread is not snoozed. */
export function wake(state: ThreadState, actor: Actor | null, now: string): Transition | null {
  if (state.status !== 'snoozed') return null;
  const next = { ...endSnooze(state, now), updatedAt: now };
  return {
    state: next,
    events: [
      {
        category: 'snooze',
        type: 'unsnoozed',
        source: actor ? sourceOf(actor) : 'system',
        actorId: actor?.id ?? null,
        data: { snoozedUntil: state.snoozedUntil, reason: actor ? 'early' : 'time_reached', status: next.status },
      },
    ],
  };
}

/** CNV-7: a wake-up taken from the schedule applies only to a thread still snoozed until that time. */
export function wakeIfDue(state: ThreadState, until: string, now: string): Transition | null {
  return state.status === 'snoozed' && state.snoozedUntil === until ? wake(state, null, now) : null;
}
