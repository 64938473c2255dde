import { Injectable, OnModuleInit } from '@nestjs/common';
import { BroadcastRequested, ChannelSnapshot, EventEnvelope, MessageSnapshot } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { AppError, getLogger } from '@omnibox/platform';
import { ContactsClient, threadContact } from './contacts.client';
import { ConversationsService } from './conversations.service';
import { ConversationsStore } from './conversations.store';
import { derivedId, stateOf, ThreadsRepository } from './threads.repository';
import { chooseChannel } from '../domain/channel-switcher';
import { checkMessagingWindow } from '../domain/messaging-window';
import { sendOutgoing } from '../domain/outgoing-message';
import { ThreadState, newThread, preview } from '../domain/thread';

type BroadcastBody = { type: 'text' | 'template'; text?: string; template?: { name: string; language: string; parameters: string[] } };

/**
 * Sends an accepted broadcast: one outgoing message per contact with sender category `broadcast` and a
 * broadcast-sent event on its timeline. Broadcasts never reorder lists nor count as replies (FLT-2,
 * FLT-3). A contact that is blocked or cannot be reached gets a failed message saying why, or none.
 */
@Injectable()
export class BroadcastWorker implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    private readonly contacts: ContactsClient,
    private readonly conversations: ConversationsService,
  ) {}

  onModuleInit() {
    this.registry.add({ durable: 'conversations-broadcasts', filter: '*.conversations.broadcast.requested', handle: (event) => this.send(event) });
  }

  private async send(event: EventEnvelope) {
    if (!BroadcastRequested.is(event)) return;
    const { broadcastId, contactIds, message, channels, senderName } = event.data;
    for (const contactId of contactIds) {
      try {
        await this.sendOne(event.workspaceId, broadcastId, contactId, message, channels, senderName);
      } catch (error) {
        // A contact deleted or merged away meanwhile is skipped; anything else is retried.
        if (error instanceof AppError && error.status === 404) continue;
        throw error;
      }
    }
  }

  private async sendOne(workspaceId: string, broadcastId: string, contactId: string, body: BroadcastBody, channels: ChannelSnapshot[], senderName?: string) {
    const id = derivedId(`${broadcastId}|${contactId}`);
    if (await this.store.timeline.countDocuments({ _id: id }, { limit: 1 })) return;
    const contact = await this.contacts.getAsSystem(workspaceId, contactId);
    if (contact.blocked) {
      getLogger().info({ broadcastId, contactId }, 'broadcast skips a blocked contact (CNV-8)');
      return;
    }
    const doc = (await this.threads.find(contactId)) ?? (await this.threads.ensure(newThread({ workspaceId, contact: threadContact(contact), assigneeId: contact.assigneeId || null, teamId: contact.teamId || null, now: new Date().toISOString() })));
    if (doc.workspaceId !== workspaceId || doc.deleted) return;
    const chosen = chooseChannel({ ...doc, contact: threadContact(contact) }, channels, undefined);
    if (!('channel' in chosen)) {
      getLogger().info({ broadcastId, contactId }, 'broadcast skips a contact with no channel');
      return;
    }
    const now = new Date();
    const refusal = checkMessagingWindow(doc, chosen.channel, body.type, now);
    const message: MessageSnapshot = {
      kind: 'message',
      id,
      contactId,
      direction: 'outgoing',
      channelId: chosen.channel.id,
      type: body.type,
      text: body.text ?? null,
      status: refusal ? 'failed' : 'pending',
      error: refusal ? refusal.message : null,
      sender: { category: 'broadcast', name: senderName },
      replyToId: null,
      linkPreview: null,
      attachment: null,
      template: body.template ?? null,
      email: null,
      payload: null,
      broadcastId,
      suppressed: false,
      createdAt: now.toISOString(),
    };
    const transition = (state: ThreadState) => sendOutgoing(state, { id, at: message.createdAt, preview: preview(message.text, '[template]'), broadcast: true }, { id: 'broadcast', kind: 'system', teamIds: [] }, new Date().toISOString());
    await this.conversations.storeOutgoing(doc, message, chosen.channel, chosen.address, transition(stateOf(doc)).state);
    await this.threads.apply(doc, (state) => {
      const result = transition(state);
      result.events[0].data = { ...result.events[0].data, broadcastId };
      return result;
    });
  }
}
