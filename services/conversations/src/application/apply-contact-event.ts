import { Inject, Injectable } from '@nestjs/common';
import {
  ContactBlocked,
  ContactChannelAdded,
  ContactCreated,
  ContactDeleted,
  ContactMerged,
  ContactSnapshot,
  ContactUnblocked,
  ContactUpdated,
  EventEnvelope,
} from '@omnibox/contracts';
import { setContactBlocked } from '../domain/blocking';
import { newThread, ThreadState } from '../domain/thread';
import { InboundContacts } from './inbound-contacts';
import { MergeContactThreads } from './merge-contact-threads';
import { SNOOZE_SCHEDULE, SnoozeSchedule, VersionedThread } from './ports';
import { ThreadWriter } from './thread-writer';

export const threadContactOf = (snapshot: ContactSnapshot): ThreadState['contact'] => ({
  id: snapshot.id,
  firstName: snapshot.firstName,
  lastName: snapshot.lastName,
  blocked: snapshot.blocked,
  phone: snapshot.phone,
  email: snapshot.email,
});

/**
 * Keeps threads in step with their contacts (events of the contacts service): names on list rows,
 * block and unblock (CNV-8), new channels (CON-4), delete, and merge (CON-3, see MergeContactThreads).
 */
@Injectable()
export class ApplyContactEvent {
  constructor(
    private readonly writer: ThreadWriter,
    private readonly merge: MergeContactThreads,
    private readonly inbound: InboundContacts,
    @Inject(SNOOZE_SCHEDULE) private readonly snoozes: SnoozeSchedule,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const actorId = event.actor?.kind === 'user' ? event.actor.id ?? null : null;
    const now = () => new Date().toISOString();
    if (ContactCreated.is(event)) {
      const channel = event.data.channel;
      if (await this.knownHere(event.workspaceId, event.data.contact.id, channel)) return;
      const thread = await this.threadOf(event.workspaceId, event.data.contact);
      if (channel && !thread.identities[channel.channelId]) {
        await this.writer.apply(thread, (state) => ({ state: { ...state, identities: { ...state.identities, [channel.channelId]: channel.externalId } }, events: [] }));
      }
    } else if (ContactUpdated.is(event)) {
      const thread = await this.threadOf(event.workspaceId, event.data.contact);
      await this.writer.apply(thread, (state) => ({ state: { ...state, contact: { ...threadContactOf(event.data.contact), blocked: state.contact.blocked } }, events: [] }));
    } else if (ContactBlocked.is(event) || ContactUnblocked.is(event)) {
      const blocked = ContactBlocked.is(event);
      const thread = await this.threadOf(event.workspaceId, event.data.contact);
      await this.writer.apply(thread, (state) => setContactBlocked(state, blocked, actorId, now()));
      // CNV-7: a blocked contact's thread is never woken from a snooze.
      if (blocked) await this.snoozes.cancel(event.workspaceId, thread.contactId);
    } else if (ContactChannelAdded.is(event)) {
      const { channel } = event.data;
      if (await this.knownHere(event.workspaceId, event.data.contactId, channel)) return;
      const thread = await this.writer.find(event.data.contactId);
      if (!thread || thread.identities[channel.channelId]) return;
      await this.writer.apply(thread, (state) => ({
        state: { ...state, identities: { ...state.identities, [channel.channelId]: channel.externalId }, updatedAt: now() },
        events: [{ category: 'contact', type: 'new_channel', source: 'contact', actorId: null, data: { channelId: channel.channelId, channelType: channel.type } }],
      }));
    } else if (ContactDeleted.is(event)) {
      const thread = await this.writer.find(event.data.contactId);
      if (thread && !thread.deleted) await this.writer.apply(thread, (state) => ({ state: { ...state, deleted: true, updatedAt: now() }, events: [] }));
    } else if (ContactMerged.is(event)) {
      const kept = await this.threadOf(event.workspaceId, event.data.contact);
      await this.merge.execute(event.workspaceId, kept, event.data.sourceContactId, threadContactOf(event.data.contact), actorId);
    }
  }

  /**
   * Whether the thread this process last wrote for the contact has it already on that channel (a new
   * contact's first message usually wrote it a moment before its events arrive), so the event
   * changes nothing. A thread never loses a channel, so an older copy that has it is enough.
   */
  private async knownHere(workspaceId: string, contactId: string, channel: { channelId: string; externalId: string } | undefined): Promise<boolean> {
    const written = await this.inbound.written(workspaceId, contactId, channel);
    return written !== null && (channel === undefined || written.identities[channel.channelId] !== undefined);
  }

  private async threadOf(workspaceId: string, snapshot: ContactSnapshot): Promise<VersionedThread> {
    return (
      (await this.writer.find(snapshot.id)) ??
      this.writer.ensure(newThread({ workspaceId, contact: threadContactOf(snapshot), assigneeId: snapshot.assigneeId, teamId: snapshot.teamId, now: snapshot.createdAt }))
    );
  }
}
