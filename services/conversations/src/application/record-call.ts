import { Inject, Injectable } from '@nestjs/common';
import type { CallSnapshot } from '@omnibox/contracts';
import { callTimelineEvent } from '../domain/call-timeline';
import { newThread } from '../domain/thread';
import { CONTACTS, Contacts } from './ports';
import { ThreadWriter } from './thread-writer';

/**
 * CAL-5: a call's status changes are written on its contact's timeline as `call` events (from the calls
 * service's `calls.call.updated`). Nothing about a blocked contact reaches the thread (CNV-8). Safe to
 * run twice: the entry's id is derived from the event's.
 */
@Injectable()
export class RecordCall {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  async execute(workspaceId: string, eventId: string, call: CallSnapshot, changed: string[], contactBlocked: boolean): Promise<void> {
    const draft = callTimelineEvent(call, changed);
    if (!draft || contactBlocked) return;
    // A call rings, is answered and ends: its next event writes on the thread as this process last
    // wrote it, without a read (a stale copy misses the versioned write and is read again).
    let thread = this.writer.remembered(call.contactId) ?? (await this.writer.find(call.contactId));
    if (!thread) {
      const record = await this.contacts.getAsSystem(workspaceId, call.contactId);
      thread = await this.writer.ensure(newThread({ workspaceId, contact: record.contact, assigneeId: record.assigneeId, teamId: record.teamId, now: new Date().toISOString() }));
    }
    if (thread.deleted || thread.workspaceId !== workspaceId) return;
    await this.writer.apply(thread, (state) => (state.deleted ? null : { state: { ...state, updatedAt: new Date().toISOString() }, events: [draft] }), { actor: { kind: 'system' }, redoKey: `call|${eventId}` });
  }
}
