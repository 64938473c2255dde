import { Injectable } from '@nestjs/common';
import type { CallSnapshot, ThreadAccess } from '@omnibox/contracts';
import { missedCallNotice } from '../domain/missed-call';
import { NotifyUsers } from './notify-users';

/**
 * CAL-5 / NTF-1: a call that was missed notifies who was expected to take it (`missed_call`): the
 * contact's assignee, or for an unassigned contact the members of the thread's team; nobody about a
 * blocked contact, only users who may see the thread (NTF-3). One per call and user.
 */
@Injectable()
export class NotifyMissedCall {
  constructor(private readonly notify: NotifyUsers) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; actorId: string | null; call: CallSnapshot; changed: string[]; access: ThreadAccess; contactBlocked: boolean }): Promise<void> {
    const notice = missedCallNotice(input.call, input.changed, input.access);
    if (!notice) return;
    const { call } = input;
    const at = call.endedAt ?? input.occurredAt;
    await this.notify.execute({
      workspaceId: input.workspaceId,
      eventId: input.eventId,
      occurredAt: at,
      actorId: input.actorId,
      notice,
      thread: { access: input.access, blocked: input.contactBlocked },
      threadAt: input.occurredAt,
      contactId: call.contactId,
      callId: call.id,
      idKey: `missed_call|${call.id}`,
      // The call event names no contact: the centre links to the thread, whose name the app shows.
      facts: () => ({ contactName: 'A contact', actorName: null, teamName: null, text: null, channelType: call.channelType }),
    });
  }
}
