import { Injectable, OnModuleInit } from '@nestjs/common';
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
import { ConsumerRegistry } from '@omnibox/messaging';
import { ConversationsStore, ThreadDoc } from './conversations.store';
import { SnoozeSchedule } from './snooze-schedule';
import { ThreadsRepository } from './threads.repository';
import { setContactBlocked } from '../domain/blocking';
import { EventDraft, ThreadState, newThread } from '../domain/thread';

const contactOf = (snapshot: ContactSnapshot): ThreadState['contact'] => ({
  id: snapshot.id,
  firstName: snapshot.firstName,
  lastName: snapshot.lastName,
  blocked: snapshot.blocked,
  phone: snapshot.phone,
  email: snapshot.email,
});

/**
 * Keeps threads in step with their contacts: names on list rows, block (CNV-8), new channels, merge
 * (CON-3: the timeline moves to the kept contact) and delete.
 */
@Injectable()
export class ContactEventsHandler implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    private readonly snoozes: SnoozeSchedule,
  ) {}

  onModuleInit() {
    this.registry.add({ durable: 'conversations-contacts', filter: '*.contacts.contact.>', handle: (event) => this.handle(event) });
  }

  private async thread(workspaceId: string, snapshot: ContactSnapshot): Promise<ThreadDoc> {
    return (
      (await this.threads.find(snapshot.id)) ??
      this.threads.ensure(newThread({ workspaceId, contact: contactOf(snapshot), assigneeId: snapshot.assigneeId, teamId: snapshot.teamId, now: snapshot.createdAt }))
    );
  }

  async handle(event: EventEnvelope): Promise<void> {
    const actor = event.actor;
    const actorId = actor?.kind === 'user' ? actor.id ?? null : null;
    const now = () => new Date().toISOString();
    if (ContactCreated.is(event)) {
      const doc = await this.thread(event.workspaceId, event.data.contact);
      const channel = event.data.channel;
      if (channel && !doc.identities[channel.channelId]) {
        await this.threads.apply(doc, (state) => ({ state: { ...state, identities: { ...state.identities, [channel.channelId]: channel.externalId } }, events: [] }));
      }
    } else if (ContactUpdated.is(event)) {
      const doc = await this.thread(event.workspaceId, event.data.contact);
      await this.threads.apply(doc, (state) => ({ state: { ...state, contact: { ...contactOf(event.data.contact), blocked: state.contact.blocked } }, events: [] }));
    } else if (ContactBlocked.is(event) || ContactUnblocked.is(event)) {
      const blocked = ContactBlocked.is(event);
      const doc = await this.thread(event.workspaceId, event.data.contact);
      await this.threads.apply(doc, (state) => setContactBlocked(state, blocked, actorId, now()));
      if (blocked) await this.snoozes.cancel(event.workspaceId, doc._id);
    } else if (ContactChannelAdded.is(event)) {
      const doc = await this.threads.find(event.data.contactId);
      if (!doc || doc.identities[event.data.channel.channelId]) return;
      const { channel } = event.data;
      await this.threads.apply(doc, (state) => ({
        state: { ...state, identities: { ...state.identities, [channel.channelId]: channel.externalId }, updatedAt: now() },
        events: [{ category: 'contact', type: 'new_channel', source: 'contact', actorId: null, data: { channelId: channel.channelId, channelType: channel.type } }],
      }));
    } else if (ContactDeleted.is(event)) {
      const doc = await this.threads.find(event.data.contactId);
      if (doc && !doc.deleted) await this.threads.apply(doc, (state) => ({ state: { ...state, deleted: true, updatedAt: now() }, events: [] }));
    } else if (ContactMerged.is(event)) {
      await this.merge(event.workspaceId, event.data.sourceContactId, event.data.contact, actorId);
    }
  }

  /**
   * CON-3 / CNV-9: the merged-away contact's timeline joins the kept one; its conversation is closed
   * by the merge. Each step can run again after a crash (the consumer retries the event).
   */
  private async merge(workspaceId: string, sourceId: string, kept: ContactSnapshot, actorId: string | null) {
    const target = await this.thread(workspaceId, kept);
    const source = await this.threads.find(sourceId);
    await this.store.timeline.updateMany({ contactId: sourceId, workspaceId }, { $set: { contactId: kept.id, 'item.contactId': kept.id } });
    if (source && !source.deleted) {
      await this.threads.apply(source, (state) => ({ state: { ...state, deleted: true, updatedAt: new Date().toISOString() }, events: [] }));
      await this.snoozes.cancel(workspaceId, sourceId);
    }
    const mergeRecorded = await this.store.timeline.countDocuments({ contactId: kept.id, 'item.type': 'contact_merged', 'item.data.mergedContactId': sourceId }, { limit: 1 });
    if (mergeRecorded) return;
    await this.threads.apply(target, (state) => {
      const at = new Date().toISOString();
      const events: EventDraft[] = [{ category: 'contact', type: 'contact_merged', source: 'contact_merge', actorId, data: { mergedContactId: sourceId } }];
      if (source && source.status !== 'closed') events.push({ category: 'close', type: 'closed', source: 'contact_merge', actorId, data: { mergedContactId: sourceId } });
      const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : a ?? b);
      const merged: ThreadState = source
        ? {
            ...state,
            contact: { ...contactOf(kept) },
            identities: { ...source.identities, ...state.identities },
            lastIncomingByChannel: { ...source.lastIncomingByChannel, ...state.lastIncomingByChannel },
            lastIncomingAt: later(state.lastIncomingAt, source.lastIncomingAt),
            lastIncomingChannelId: (source.lastIncomingAt ?? '') > (state.lastIncomingAt ?? '') ? source.lastIncomingChannelId : state.lastIncomingChannelId,
            lastMessage: (source.lastMessage?.at ?? '') > (state.lastMessage?.at ?? '') ? source.lastMessage : state.lastMessage,
            lastMessageAt: later(state.lastMessageAt, source.lastMessageAt),
            unreplied: (source.lastMessageAt ?? '') > (state.lastMessageAt ?? '') ? source.unreplied : state.unreplied,
            incomingCount: state.incomingCount + source.incomingCount,
            collaboratorIds: [...new Set([...state.collaboratorIds, ...source.collaboratorIds])],
            updatedAt: at,
          }
        : { ...state, updatedAt: at };
      return { state: merged, events };
    });
  }
}
