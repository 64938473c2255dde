import { Inject, Injectable } from '@nestjs/common';
import { announcesCreation, EventActor, THREAD_ACCESS_FIELDS, ThreadSnapshot } from '@omnibox/contracts';
import { endsRun } from '../domain/coalescing';
import { threadFactsOf } from '../domain/recipients';
import { NOTIFICATION_STORE, NotificationStore, TEAM_MESSAGE_RUNS, TeamMessageRuns } from './ports';
import { Reading } from './reading';

const ACCESS_CHANGES: readonly string[] = [...THREAD_ACCESS_FIELDS, 'contact', 'deleted'];
const RUN_ENDS: readonly string[] = ['assigneeId', 'teamId', 'contact', 'deleted'];

/**
 * A thread changed (`conversations.thread.updated`):
 * - VIS-4: its notifications follow its access, so the centre hides them from users who can no longer see it;
 * - CNV-4: once someone owns it (or it leaves the team, its contact is blocked, it is gone) its
 *   team_message run ends: the members' notifications stay, unread, and stop growing (its creation
 *   ends none);
 * - NTF-1: a user who read it (their `reads` entry moved) has its notifications marked read, except
 *   a coalesced one that grew with a message after the read.
 */
@Injectable()
export class FollowThread {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    @Inject(TEAM_MESSAGE_RUNS) private readonly runs: TeamMessageRuns,
    private readonly reading: Reading,
  ) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; actor: EventActor | undefined; thread: ThreadSnapshot; changed: string[] }): Promise<void> {
    const { thread, changed } = input;
    if (changed.some((field) => ACCESS_CHANGES.includes(field))) {
      await this.store.followThread(input.workspaceId, thread.contactId, threadFactsOf(thread), thread.updatedAt);
    }
    // A thread just created ends no run: a run of it begins with one of its messages, in the state this
    // event carries, which does not end it (one read and a lock saved per new contact, issue #19).
    if (!announcesCreation(changed) && changed.some((field) => RUN_ENDS.includes(field))) await this.endRun(input.workspaceId, thread);
    const reader = input.actor?.kind === 'user' ? input.actor.id : undefined;
    if (reader && changed.includes('reads')) {
      const readUpTo = thread.reads?.[reader] ?? 0;
      const unread = await this.store.unreadOnThread(reader, thread.contactId);
      const head = unread.some((notification) => notification.run) ? (await this.runs.heads([thread.contactId])).get(thread.contactId) : undefined;
      // A growing one stays unread when its run counted a message the read did not see.
      const seen = unread.filter((notification) => (notification.run ? (head?.lastCount ?? notification.lastCount) <= readUpTo : notification.updatedAt <= input.occurredAt));
      await this.reading.markRead(input.workspaceId, reader, seen, input.eventId);
    }
  }

  private async endRun(workspaceId: string, thread: ThreadSnapshot): Promise<void> {
    await this.runs.exclusive(thread.contactId, async () => {
      const run = await this.runs.find(thread.contactId);
      if (!run || !endsRun(run, { assigneeId: thread.assigneeId, teamId: thread.teamId, blocked: thread.contact.blocked, deleted: thread.deleted })) return;
      await this.store.freeze(workspaceId, thread.contactId, Object.values(run.attached).map((member) => member.id), run.head, false);
      await this.runs.remove(thread.contactId);
    });
  }
}
