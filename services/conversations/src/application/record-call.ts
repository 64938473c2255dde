import { Inject, Injectable } from '@nestjs/common';
import { BoundedMap } from '@omnibox/platform';
import type { CallSnapshot } from '@omnibox/contracts';
import { callTimelineEvent } from '../domain/call-timeline';
import { newThread } from '../domain/thread';
import { CONTACTS, Contacts, VersionedThread } from './ports';
import { ThreadWriter } from './thread-writer';

/** How many contacts' threads the call timeline remembers as it last wrote them. */
const REMEMBERED_THREADS = 20_000;

/**
 * CAL-5: a call's status changes are written on its contact's timeline as `call` events (from the calls
 * service's `calls.call.updated`). Nothing about a blocked contact reaches the thread (CNV-8). Safe to
 * run twice: the entry's id is derived from the event's.
 */
@Injectable()
export class RecordCall {
  /**
   * The thread as this process last wrote it, per contact: a call's next event (a call rings, is
   * answered and ends) writes without reading it first, which was one FerretDB find per call event.
   * A thread written elsewhere since has another version: the write misses and is redone on a fresh read.
   */
  private readonly written = new BoundedMap<string, VersionedThread>(REMEMBERED_THREADS);

  constructor(
    private readonly writer: ThreadWriter,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  async execute(workspaceId: string, eventId: string, call: CallSnapshot, changed: string[], contactBlocked: boolean): Promise<void> {
    const draft = callTimelineEvent(call, changed);
    if (!draft || contactBlocked) return;
    let thread = this.written.get(call.contactId) ?? (await this.writer.find(call.contactId));
    if (!thread) {
      const record = await this.contacts.getAsSystem(workspaceId, call.contactId);
      thread = await this.writer.ensure(newThread({ workspaceId, contact: record.contact, assigneeId: record.assigneeId, teamId: record.teamId, now: new Date().toISOString() }));
    }
    if (thread.deleted || thread.workspaceId !== workspaceId) return this.forget(call.contactId);
    const applied = await this.writer
      .apply(thread, (state) => (state.deleted ? null : { state: { ...state, updatedAt: new Date().toISOString() }, events: [draft] }), { actor: { kind: 'system' }, redoKey: `call|${eventId}` })
      .catch((error: unknown) => {
        this.forget(call.contactId);
        throw error;
      });
    if (!applied) return this.forget(call.contactId);
    this.written.set(call.contactId, applied.thread);
  }

  private forget(contactId: string): void {
    this.written.delete(contactId);
  }
}
