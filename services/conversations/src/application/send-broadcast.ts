import { Inject, Injectable } from '@nestjs/common';
import { ChannelSnapshot, MessageSnapshot } from '@omnibox/contracts';
import { AppError, getLogger } from '@omnibox/platform';
import { chooseChannel } from '../domain/channel-switcher';
import { checkMessagingWindow } from '../domain/messaging-window';
import { sendOutgoing } from '../domain/outgoing-message';
import { newThread, preview, ThreadState } from '../domain/thread';
import { derivedId } from './ids';
import { OutgoingMessages } from './outgoing-messages';
import { CONTACTS, Contacts, TIMELINE, Timeline } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';
import { WorkspaceChannels } from './workspace-channels';

/** An accepted broadcast (`conversations.broadcast.requested`). */
export interface BroadcastOrder {
  workspaceId: string;
  broadcastId: string;
  contactIds: string[];
  message: { type: 'text' | 'template'; text?: string; template?: { name: string; language: string; parameters: string[] } };
  senderName?: string;
}

const BROADCASTER = { id: 'broadcast', kind: 'system' as const, teamIds: [] };

/**
 * Sends an accepted broadcast: one outgoing message per contact with sender category `broadcast` and a
 * broadcast-sent event on its timeline. Broadcasts never reorder lists nor count as replies (FLT-2,
 * FLT-3). A contact that is blocked or cannot be reached gets none; one outside a messaging window
 * gets a failed message saying why. Safe to run again: each contact's message id is derived.
 */
@Injectable()
export class SendBroadcast {
  constructor(
    private readonly writer: ThreadWriter,
    private readonly channels: WorkspaceChannels,
    private readonly outgoing: OutgoingMessages,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  async execute(order: BroadcastOrder): Promise<void> {
    const channels = await this.channels.list(order.workspaceId);
    for (const contactId of order.contactIds) {
      try {
        await this.sendOne(order, contactId, channels);
      } catch (error) {
        // A contact deleted or merged away meanwhile is skipped; anything else is retried.
        if (error instanceof AppError && error.status === 404) continue;
        throw error;
      }
    }
  }

  private async sendOne(order: BroadcastOrder, contactId: string, channels: ChannelSnapshot[]) {
    const { workspaceId, broadcastId, message: body } = order;
    const id = derivedId(`${broadcastId}|${contactId}`);
    if (await this.timeline.exists(id)) return;
    const { contact, assigneeId, teamId } = await this.contacts.getAsSystem(workspaceId, contactId);
    if (contact.blocked) {
      getLogger().info({ broadcastId, contactId }, 'broadcast skips a blocked contact (CNV-8)');
      return;
    }
    const thread = (await this.writer.find(contactId)) ?? (await this.writer.ensure(newThread({ workspaceId, contact, assigneeId: assigneeId || null, teamId: teamId || null, now: new Date().toISOString() })));
    if (thread.workspaceId !== workspaceId || thread.deleted) return;
    const chosen = chooseChannel({ ...thread, contact }, channels, undefined);
    if (!('channel' in chosen)) {
      getLogger().info({ broadcastId, contactId }, 'broadcast skips a contact with no channel');
      return;
    }
    const now = new Date();
    const refusal = checkMessagingWindow(thread, chosen.channel, body.type, now);
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
      sender: { category: 'broadcast', name: order.senderName },
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
    const transition = (state: ThreadState) => sendOutgoing(state, { id, at: message.createdAt, preview: preview(message.text, '[template]'), broadcast: true }, BROADCASTER, new Date().toISOString());
    await this.outgoing.store(thread, message, chosen.channel, chosen.address, transition(stateOf(thread)).state);
    await this.writer.apply(thread, (state) => {
      const result = transition(state);
      result.events[0].data = { ...result.events[0].data, broadcastId };
      return result;
    });
  }
}
