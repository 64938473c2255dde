import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ChannelSnapshot, MessageSnapshot } from '@omnibox/contracts';
import { invalidInput, ruleViolation } from '@omnibox/platform';
import { messageAttachment } from '../domain/attachments';
import { checkMessageType, chooseChannel, chooseEmailChannel } from '../domain/channel-switcher';
import { outgoingEmailThread } from '../domain/email-threading';
import { linkToPreview } from '../domain/link-preview';
import { checkMessagingWindow } from '../domain/messaging-window';
import { sendOutgoing } from '../domain/outgoing-message';
import { isRefusal, preview, ThreadState } from '../domain/thread';
import { actorOf, CallerThreads, eventActor, refuse } from './caller-threads';
import { newId } from './ids';
import { OutgoingAttachments } from './outgoing-attachments';
import { OutgoingMessages } from './outgoing-messages';
import { LINK_PREVIEWS, LinkPreviews, TIMELINE, Timeline, TimelineEntry, VersionedThread } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';
import { WorkspaceChannels } from './workspace-channels';

/** API.md body of `POST /v1/conversations/{contactId}/messages`. */
export interface SendMessageInput {
  type: 'text' | 'template' | 'attachment' | 'email';
  text?: string;
  channelId?: string;
  replyToId?: string;
  linkPreview?: boolean;
  template?: { name: string; language: string; parameters?: string[] };
  /** MSG-10: an upload of the sender's (POST /v1/attachments). */
  attachment?: { id: string };
  email?: { subject?: string; cc?: string[]; bcc?: string[]; replyToMessageId?: string };
}

const MESSAGE_TYPES: ReadonlyArray<SendMessageInput['type']> = ['text', 'template', 'attachment', 'email'];

/**
 * MSG-1…11: an outgoing message from a user or API token, on the channel the rules choose, stored
 * with the event that hands it to the channel's adapter. The sender may take the thread (CNV-2).
 */
@Injectable()
export class SendMessage {
  constructor(
    private readonly threads: CallerThreads,
    private readonly writer: ThreadWriter,
    private readonly channels: WorkspaceChannels,
    private readonly outgoing: OutgoingMessages,
    private readonly attachments: OutgoingAttachments,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(LINK_PREVIEWS) private readonly previews: LinkPreviews,
  ) {}

  async execute(caller: CallerScope, contactId: string, input: SendMessageInput, senderName: string | undefined): Promise<MessageSnapshot> {
    let thread = await this.threads.visible(caller, contactId);
    thread = await this.threads.refreshContact(thread);
    if (thread.contact.blocked) throw ruleViolation('contact_blocked', 'The contact is blocked: nothing can be sent to it until it is unblocked (CNV-8)');
    checkShape(input);
    const upload = input.attachment ? await this.attachments.sendable(caller, input.attachment.id) : null;
    const { channel, address } = await this.channelFor(thread, input);
    const now = new Date();
    const windowRefusal = checkMessagingWindow(thread, channel, input.type, now);
    if (windowRefusal) refuse(windowRefusal);

    const id = newId();
    const replyTo = input.replyToId ? await this.messageOfThread(thread, input.replyToId, 'replyToId') : null;
    const email = input.type === 'email' ? await this.email(thread, input, id) : null;
    const url = linkToPreview(input, channel);
    const linkPreview = url ? await this.previews.preview(url) : null;
    const message: MessageSnapshot = {
      kind: 'message',
      id,
      contactId,
      direction: 'outgoing',
      channelId: channel.id,
      type: input.type,
      text: input.text ?? null,
      status: 'pending',
      error: null,
      sender: caller.kind === 'api' ? { category: 'api', name: senderName } : { category: 'user', userId: caller.principalId, name: senderName },
      replyToId: replyTo?.id ?? null,
      linkPreview,
      attachment: upload ? messageAttachment(upload) : null,
      template: input.template ? { name: input.template.name, language: input.template.language, parameters: input.template.parameters ?? [] } : null,
      email,
      payload: null,
      broadcastId: null,
      suppressed: false,
      createdAt: now.toISOString(),
    };
    const actor = actorOf(caller);
    const transition = (state: ThreadState) => sendOutgoing(state, { id, at: message.createdAt, preview: preview(message.text ?? email?.subject, `[${message.type}]`), broadcast: false }, actor, new Date().toISOString());
    if (upload) await this.attachments.claim(upload, { messageId: id, contactId, at: message.createdAt });
    try {
      await this.outgoing.store(thread, message, channel, address, transition(stateOf(thread)).state, email?.messageId);
    } catch (error) {
      if (upload) await this.attachments.release(upload, id);
      throw error;
    }
    await this.writer.apply(thread, transition, { actor: eventActor(caller) });
    return message;
  }

  /** MSG-11 (and MSG-8 for e-mails): the channel the message goes out on and the contact's address there. */
  private async channelFor(thread: VersionedThread, input: SendMessageInput): Promise<{ channel: ChannelSnapshot; address: string }> {
    const channels = await this.channels.list(thread.workspaceId, input.channelId);
    let requested = input.channelId;
    if (!requested && input.type === 'email') {
      const emailChannel = chooseEmailChannel(thread, channels);
      if (isRefusal(emailChannel)) refuse(emailChannel);
      requested = emailChannel;
    }
    const chosen = chooseChannel(thread, channels, requested);
    if ('unknownChannel' in chosen) throw invalidInput('channelId', 'is not a channel of this workspace');
    if (isRefusal(chosen)) refuse(chosen);
    const { channel, address } = chosen;
    const typeRefusal = checkMessageType(channel, input.type);
    if (typeRefusal) refuse(typeRefusal);
    return { channel, address };
  }

  /** MSG-8: the e-mail's subject, threading and headers. */
  private async email(thread: VersionedThread, input: SendMessageInput, id: string): Promise<NonNullable<MessageSnapshot['email']>> {
    const answered = input.email?.replyToMessageId ? await this.messageOfThread(thread, input.email.replyToMessageId, 'email.replyToMessageId') : null;
    if (answered && answered.item.kind === 'message' && answered.item.type !== 'email') throw invalidInput('email.replyToMessageId', 'is not an e-mail');
    const answeredEmail = answered?.item.kind === 'message' ? answered.item.email : null;
    const threading = outgoingEmailThread(
      { subject: input.email?.subject, replyTo: answered ? { subject: answeredEmail?.subject ?? null, messageId: answeredEmail?.messageId ?? null, threadKey: answeredEmail?.threadKey ?? null } : null },
      id,
    );
    if (isRefusal(threading)) refuse(threading);
    const { subject, threadKey, inReplyTo } = threading;
    // The conversation so far, for the References header: what the answered e-mail referenced, then it.
    const references = inReplyTo ? [...(answeredEmail?.references ?? []), inReplyTo].slice(-50) : [];
    return { subject, cc: input.email?.cc ?? [], bcc: input.email?.bcc ?? [], messageId: `<${id}@omnibox.mail>`, inReplyTo: inReplyTo ?? undefined, ...(references.length ? { references } : {}), threadKey };
  }

  /** A visible message of this thread (reply-to context, e-mail replies); 400 naming the field otherwise. */
  private async messageOfThread(thread: VersionedThread, messageId: string, field: string): Promise<TimelineEntry> {
    const entry = await this.timeline.get(messageId);
    if (!entry || entry.contactId !== thread.contactId || entry.kind !== 'message' || !entry.visible) throw invalidInput(field, 'is not a message of this conversation');
    return entry;
  }
}

/** What each message type needs (400 naming the field otherwise). */
function checkShape(input: SendMessageInput) {
  if (!MESSAGE_TYPES.includes(input.type)) throw invalidInput('type', `must be one of ${MESSAGE_TYPES.join(', ')}`);
  if ((input.type === 'text' || input.type === 'email') && !input.text?.trim() && !(input.type === 'email' && input.attachment)) throw invalidInput('text', `is required for a ${input.type} message`);
  if (input.type === 'template' && !input.template) throw invalidInput('template', 'is required for a template message');
  if (input.type === 'attachment' && !input.attachment) throw invalidInput('attachment', 'is required for an attachment message');
}
