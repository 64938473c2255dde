import type { BroadcastReceived, MessageMessage, MessageSnapshot, SendMessageReceived } from '@omnibox/contracts';
import { toProtoValue } from '@omnibox/rpc';
import type { BroadcastInput } from '../../application/broadcast';
import type { SendMessageInput } from '../../application/send-message';
import { messageAttachmentMessage } from './attachment.mapper';
import { optional } from './conversation.mapper';

/** API.md `message` (MSG-1) as the proto `Message`. */
export function messageMessage(message: MessageSnapshot): MessageMessage {
  const { sender, linkPreview, attachment, template, email } = message;
  return {
    id: message.id,
    contactId: message.contactId,
    direction: message.direction,
    channelId: optional(message.channelId),
    type: message.type,
    text: optional(message.text),
    status: message.status,
    error: optional(message.error),
    sender: { category: sender.category, userId: optional(sender.userId), name: optional(sender.name) },
    replyToId: optional(message.replyToId),
    linkPreview: linkPreview && { url: linkPreview.url, title: optional(linkPreview.title), description: optional(linkPreview.description), image: optional(linkPreview.image) },
    attachment: attachment && messageAttachmentMessage(attachment),
    template: template && { name: template.name, language: template.language, parameters: template.parameters },
    email: email && {
      subject: optional(email.subject),
      html: optional(email.html),
      cc: email.cc ?? [],
      bcc: email.bcc ?? [],
      messageId: optional(email.messageId),
      inReplyTo: optional(email.inReplyTo),
      threadKey: optional(email.threadKey),
    },
    payload: message.payload === null || message.payload === undefined ? null : toProtoValue(message.payload),
    broadcastId: optional(message.broadcastId),
    suppressed: message.suppressed,
    createdAt: message.createdAt,
  };
}

/** The send request as the use case takes it (the gateway validated its shape). */
export function sendMessageInput(request: SendMessageReceived): SendMessageInput {
  const { template, attachment, email } = request;
  return {
    type: request.type as SendMessageInput['type'],
    text: request.text,
    channelId: request.channelId,
    replyToId: request.replyToId,
    linkPreview: request.linkPreview,
    template: template ? { name: template.name, language: template.language, parameters: template.parameters } : undefined,
    attachment: attachment ? { id: attachment.id } : undefined,
    email: email ? { subject: email.subject, cc: email.cc, bcc: email.bcc, replyToMessageId: email.replyToMessageId } : undefined,
  };
}

/** The broadcast's message as the use case takes it. */
export function broadcastInput(request: BroadcastReceived): BroadcastInput {
  const { message } = request;
  return {
    type: (message?.type ?? 'text') as BroadcastInput['type'],
    text: message?.text,
    template: message?.template ? { name: message.template.name, language: message.template.language, parameters: message.template.parameters } : undefined,
  };
}
