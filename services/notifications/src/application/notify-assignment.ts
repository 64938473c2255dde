import { Injectable } from '@nestjs/common';
import type { ThreadSnapshot, TimelineEventSnapshot } from '@omnibox/contracts';
import { assignmentNotice } from '../domain/assignment';
import { contactNameOf } from '../domain/notification';
import { threadFactsOf } from '../domain/recipients';
import { NotifyUsers } from './notify-users';

/**
 * CNV-4 / CNV-5: an assignment, an unassignment back to the team's inbox, or a new collaborator (the
 * timeline event each of them writes) notifies the users it is for: `assigned`, `team_assigned` to the
 * team's members, `collaborator_added`; never the one who did it (NTF-3).
 */
@Injectable()
export class NotifyAssignment {
  constructor(private readonly notify: NotifyUsers) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; actorId: string | null; event: TimelineEventSnapshot; thread: ThreadSnapshot }): Promise<void> {
    const notice = assignmentNotice(input.event);
    if (!notice) return;
    const { thread } = input;
    await this.notify.execute({
      workspaceId: input.workspaceId,
      eventId: input.eventId,
      occurredAt: input.occurredAt,
      actorId: input.event.actorId ?? input.actorId,
      notice,
      thread: threadFactsOf(thread),
      threadAt: thread.updatedAt,
      contactId: thread.contactId,
      facts: (directory) => ({
        contactName: contactNameOf(thread.contact),
        actorName: directory.nameOf(input.event.actorId ?? input.actorId),
        teamName: directory.team('teamId' in notice ? notice.teamId : thread.teamId)?.name ?? null,
        text: null,
      }),
    });
  }
}
