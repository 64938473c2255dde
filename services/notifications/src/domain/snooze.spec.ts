import { snoozeReminderKey, snoozeWokeNotice } from './snooze';

describe('snooze reminders (CNV-7)', () => {
  it('CNV-7: a thread that wakes reminds its assignee; an unassigned one reminds no one', () => {
    expect(snoozeWokeNotice({ assigneeId: 'ana' })).toEqual({ kind: 'snooze_woke', userIds: ['ana'] });
    expect(snoozeWokeNotice({ assigneeId: null })).toBeNull();
  });

  it('CNV-7: one reminder per snooze, however many times its wake is announced', () => {
    expect(snoozeReminderKey('c1', '2026-01-01T10:00:00.000Z')).toBe(snoozeReminderKey('c1', '2026-01-01T10:00:00.000Z'));
    expect(snoozeReminderKey('c1', '2026-01-01T10:00:00.000Z')).not.toBe(snoozeReminderKey('c1', '2026-01-02T10:00:00.000Z'));
  });
});
