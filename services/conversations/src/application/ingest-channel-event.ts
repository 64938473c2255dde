import { Injectable } from '@nestjs/common';
import type { ChannelSnapshot, InboundChannelEvent } from '@omnibox/contracts';
import { receiveChannelEvent } from '../domain/channel-events';
import { newThread } from '../domain/thread';
import { inboundMessageId } from './ids';
import { InboundContacts, ResolvedInbound } from './inbound-contacts';
import { ThreadWriter } from './thread-writer';

/**
 * CNV-9 channel events the gateway accepted: an opening without a message (welcome, get-started,
 * click-to-chat), a web-chat page change, a channel notice. Nothing from a blocked contact reaches
 * the thread (CNV-8). Safe to run twice: the thread remembers the event like an incoming message.
 */
@Injectable()
export class IngestChannelEvent {
  constructor(
    private readonly contacts: InboundContacts,
    private readonly writer: ThreadWriter,
  ) {}

  async execute(workspaceId: string, channel: ChannelSnapshot, inbound: InboundChannelEvent, receivedAt: string): Promise<void> {
    const resolved = await this.contacts.resolve(workspaceId, channel, inbound.contact);
    try {
      await this.receive(workspaceId, channel, inbound, receivedAt, resolved);
    } finally {
      if (resolved.firstSeen) this.contacts.firstWriteDone(workspaceId, channel.id, inbound.contact.externalId);
    }
  }

  private async receive(workspaceId: string, channel: ChannelSnapshot, inbound: InboundChannelEvent, receivedAt: string, resolved: ResolvedInbound): Promise<void> {
    if (resolved.contact.blocked) return;
    const thread = resolved.thread ?? (await this.writer.ensure(newThread({ workspaceId, contact: resolved.contact, now: receivedAt })));
    const key = inboundMessageId(workspaceId, channel.id, `event|${inbound.id}`);
    const event = { key, channelId: channel.id, externalId: inbound.contact.externalId, ...inbound.event, referral: inbound.referral ?? null };
    await this.writer.apply(thread, (state) => receiveChannelEvent(state, event, new Date().toISOString()), {
      actor: { kind: 'contact', id: resolved.contact.id },
      redoKey: `channel-event|${key}`,
    });
  }
}
