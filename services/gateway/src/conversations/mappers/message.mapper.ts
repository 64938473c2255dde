import type { EmailDetailsAnswer, MessageAnswer, MessageAttachmentAnswer } from '@omnibox/contracts';
import { fromProtoValue } from '@omnibox/rpc';

/**
 * MSG-1 `sender`: a contact always shows a name (null when the provider gave none); users, API
 * tokens and broadcasts show what they have.
 */
function senderJson(sender: MessageAnswer['sender']) {
  if (!sender) return null;
  if (sender.category === 'contact') return { category: sender.category, name: sender.name ?? null };
  return { category: sender.category, userId: sender.userId, name: sender.name };
}

/**
 * MSG-8 `email`: an incoming e-mail lists every header a provider may send (null when it sent none);
 * an outgoing one lists what was sent (`inReplyTo` only on replies).
 */
function emailJson(email: EmailDetailsAnswer | null, direction: string) {
  if (!email) return null;
  if (direction === 'incoming') {
    return { subject: email.subject ?? null, html: email.html ?? null, cc: email.cc, messageId: email.messageId ?? null, inReplyTo: email.inReplyTo ?? null, threadKey: email.threadKey ?? null };
  }
  return { subject: email.subject, cc: email.cc, bcc: email.bcc, messageId: email.messageId, inReplyTo: email.inReplyTo, threadKey: email.threadKey };
}

/**
 * MSG-10 `attachment`: the file in our storage (its bytes: `GET /v1/attachments/{id}/content`), or
 * incoming media that could not be copied (`status: "unavailable"` with the `reason`, CHN-3).
 */
function attachmentJson(attachment: MessageAttachmentAnswer | null) {
  if (!attachment) return null;
  const { id, fileName, storedName, contentType, status } = attachment;
  return { id, fileName, storedName, contentType, size: Number(attachment.size), status, reason: attachment.reason ?? null };
}

/** API.md `message` (MSG-1…10): every field present, `null` when empty. */
export function messageJson(message: MessageAnswer) {
  const { linkPreview, attachment, template } = message;
  return {
    kind: 'message' as const,
    id: message.id,
    contactId: message.contactId,
    direction: message.direction,
    channelId: message.channelId ?? null,
    type: message.type,
    text: message.text ?? null,
    status: message.status,
    error: message.error ?? null,
    sender: senderJson(message.sender),
    replyToId: message.replyToId ?? null,
    linkPreview: linkPreview && { url: linkPreview.url, title: linkPreview.title ?? null, description: linkPreview.description ?? null, image: linkPreview.image ?? null },
    attachment: attachmentJson(attachment),
    template: template && { name: template.name, language: template.language, parameters: template.parameters },
    email: emailJson(message.email, message.direction),
    payload: fromProtoValue(message.payload),
    broadcastId: message.broadcastId ?? null,
    suppressed: message.suppressed,
    createdAt: message.createdAt,
  };
}
