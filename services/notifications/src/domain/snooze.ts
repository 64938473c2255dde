import type { ThreadSnapshot } from '@omnibox/contracts';
import type { Notice } from './recipients';

/**
 * CNV-7: a thread that wakes from snooze reminds its assignee (`snooze_woke`), unless they woke it
 * themselves (NTF-3). The reminder is one per snooze: its id comes from the thread and the time it was
 * snoozed until, so a wake announced twice (two replicas, a redelivery) reminds once.
 */
export function snoozeWokeNotice(thread: Pick<ThreadSnapshot, 'assigneeId'>): Notice<'snooze_woke'> | null {
  return thread.assigneeId ? { kind: 'snooze_woke', userIds: [thread.assigneeId] } : null;
}

export function snoozeReminderKey(contactId: string, snoozedUntil: string): string {
  return `snooze_woke|${contactId}|${snoozedUntil}`;
}
