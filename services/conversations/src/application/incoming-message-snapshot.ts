import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, InboundMessageEvent, MessageSnapshot } from '@omnibox/contracts';
import { incomingEmailThreadKey } from '../domain/email-threading';
import { CopyIncomingMedia } from './copy-incoming-media';
import { inboundMessageId } from './ids';
import { TIMELINE, Timeline } from './ports';

/** MSG-7: what an unsupported message shows instead of its content. */
const UNSUPPORTED_FALLBACK = 'Unsupported message: open the raw payload to see it';

/** An incoming message as clients and events see it (MSG-1, MSG-4, MSG-7, MSG-8, MSG-10). */
@Injectable()
export class IncomingMessageSnapshot {
  constructor(
    @Inject(TIMELINE) private readonly timeline: Timeline,
    private readonly media: CopyIncomingMedia,
  ) {}

  /** `at`: when the contact sent it (CHN-2). */
  async of(workspaceId: string, channel: ChannelSnapshot, inbound: InboundMessageEvent, id: string, contactId: string, at: string, blocked: boolean): Promise<MessageSnapshot> {
    const body = inbound.message;
    let email: MessageSnapshot['email'] = null;
    if (body.type === 'email' || body.email) {
      const given = body.email ?? {};
      const answered = await this.answeredEmail(workspaceId, given);
      const answeredEmail = answered?.item.kind === 'message' ? answered.item.email : null;
      const threadKey = incomingEmailThreadKey(given.subject, answered && answeredEmail ? { contactId: answered.contactId, subject: answeredEmail.subject, threadKey: answeredEmail.threadKey } : null, contactId, id);
      email = { subject: given.subject, html: given.html, cc: given.cc ?? [], messageId: given.messageId, inReplyTo: given.inReplyTo, ...(given.references?.length ? { references: given.references } : {}), threadKey };
    }
    const unsupported = body.type === 'unsupported';
    return {
      kind: 'message',
      id,
      contactId,
      direction: 'incoming',
      channelId: channel.id,
      type: body.type,
      text: body.text ?? (unsupported ? UNSUPPORTED_FALLBACK : null),
      status: 'received',
      error: null,
      sender: { category: 'contact', name: [inbound.contact.firstName, inbound.contact.lastName].filter(Boolean).join(' ') || undefined },
      replyToId: body.replyToId ? await this.quoted(workspaceId, channel.id, body.replyToId, contactId) : null,
      linkPreview: null,
      // CHN-3: copied into our storage before the message is stored and shown (text pays nothing for it).
      attachment: body.attachment ? await this.media.execute(workspaceId, id, contactId, body.attachment, channel) : null,
      template: null,
      email,
      payload: body.payload ?? null,
      broadcastId: null,
      suppressed: blocked,
      createdAt: at,
    };
  }

  /**
   * MSG-8: the e-mail of the workspace this one answers: the one its `In-Reply-To` names, else the
   * latest of its `References` we have (a client that drops In-Reply-To still threads).
   */
  private async answeredEmail(workspaceId: string, email: NonNullable<InboundMessageEvent['message']['email']>) {
    const named = [email.inReplyTo, ...[...(email.references ?? [])].reverse()].filter((id): id is string => Boolean(id));
    for (const messageId of new Set(named)) {
      const found = await this.timeline.findByEmailMessageId(workspaceId, messageId);
      if (found) return found;
    }
    return null;
  }

  /** MSG-4: the provider names the quoted message by its own id (or ours); only one of the same contact counts. */
  private async quoted(workspaceId: string, channelId: string, replyToId: string, contactId: string): Promise<string | null> {
    const quoted = (await this.timeline.get(inboundMessageId(workspaceId, channelId, replyToId))) ?? (await this.timeline.findByProviderId(channelId, replyToId)) ?? (await this.timeline.get(replyToId));
    return quoted && quoted.contactId === contactId ? quoted.id : null;
  }
}
