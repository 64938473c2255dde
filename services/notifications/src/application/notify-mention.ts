import { Injectable } from '@nestjs/common';
import type { CommentSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import { commentText, mentionNotice } from '../domain/mention';
import { contactNameOf } from '../domain/notification';
import { threadFactsOf } from '../domain/recipients';
import { NotifyUsers } from './notify-users';

/** SRC-2: a comment's @mentions notify the mentioned users (`mentioned`), never its author (NTF-3). */
@Injectable()
export class NotifyMention {
  constructor(private readonly notify: NotifyUsers) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; comment: CommentSnapshot; thread: ThreadSnapshot }): Promise<void> {
    const notice = mentionNotice(input.comment);
    if (!notice) return;
    const { comment, thread } = input;
    await this.notify.execute({
      workspaceId: input.workspaceId,
      eventId: input.eventId,
      occurredAt: input.occurredAt,
      actorId: comment.authorId,
      notice,
      // The thread after the comment: the mention's 24 h of access (SRC-3) is in it.
      thread: threadFactsOf(thread),
      threadAt: thread.updatedAt,
      contactId: thread.contactId,
      facts: (directory) => ({
        contactName: contactNameOf(thread.contact),
        actorName: directory.nameOf(comment.authorId),
        teamName: null,
        text: commentText(comment.text, (userId) => directory.nameOf(userId)),
      }),
    });
  }
}
