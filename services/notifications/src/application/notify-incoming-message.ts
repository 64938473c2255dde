import { Injectable } from '@nestjs/common';
import type { MessageSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import { incomingMessageNotice } from '../domain/incoming-message';
import { contactNameOf } from '../domain/notification';
import { threadFactsOf } from '../domain/recipients';
import { CoalesceTeamMessage } from './coalesce-team-message';
import { NotifyUsers } from './notify-users';

/**
 * An incoming message (NTF-1): `new_message` to the owner of the thread; on a team's inbox nobody owns,
 * the coalesced `team_message` of every member (CNV-4). A blocked contact's message notifies nobody (CNV-8).
 */
@Injectable()
export class NotifyIncomingMessage {
  constructor(
    private readonly notify: NotifyUsers,
    private readonly coalesce: CoalesceTeamMessage,
  ) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; message: MessageSnapshot; thread: ThreadSnapshot }): Promise<void> {
    const notice = incomingMessageNotice(input.message, input.thread);
    if (!notice) return;
    if ('teamId' in notice) {
      await this.coalesce.execute({ ...input, teamId: notice.teamId });
      return;
    }
    const { thread } = input;
    await this.notify.execute({
      workspaceId: input.workspaceId,
      eventId: input.eventId,
      occurredAt: input.occurredAt,
      actorId: null,
      notice,
      thread: threadFactsOf(thread),
      threadAt: thread.updatedAt,
      contactId: thread.contactId,
      facts: () => ({ contactName: contactNameOf(thread.contact), actorName: null, teamName: null, text: thread.lastMessage?.id === input.message.id ? thread.lastMessage.preview : input.message.text }),
    });
  }
}
