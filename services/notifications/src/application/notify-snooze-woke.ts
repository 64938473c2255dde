import { Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { contactNameOf } from '../domain/notification';
import { threadFactsOf } from '../domain/recipients';
import { snoozeReminderKey, snoozeWokeNotice } from '../domain/snooze';
import { NotifyUsers } from './notify-users';

/**
 * CNV-7: a thread woke from snooze (at its time, early by hand, or by a new message): its assignee gets
 * the ⏰ reminder (`snooze_woke`), once per snooze however often the wake is announced, and not when
 * they woke it themselves (NTF-3).
 */
@Injectable()
export class NotifySnoozeWoke {
  constructor(private readonly notify: NotifyUsers) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; actorId: string | null; thread: ThreadSnapshot; snoozedUntil: string }): Promise<void> {
    const notice = snoozeWokeNotice(input.thread);
    if (!notice) return;
    const { thread } = input;
    await this.notify.execute({
      workspaceId: input.workspaceId,
      eventId: input.eventId,
      occurredAt: input.occurredAt,
      actorId: input.actorId,
      notice,
      thread: threadFactsOf(thread),
      threadAt: thread.updatedAt,
      contactId: thread.contactId,
      idKey: snoozeReminderKey(thread.contactId, input.snoozedUntil),
      facts: () => ({ contactName: contactNameOf(thread.contact), actorName: null, teamName: null, text: null }),
    });
  }
}
