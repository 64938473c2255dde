import type { MessageSnapshot } from '@omnibox/contracts';
import type { Delivery } from '../../../application/ports';

/** The fields of an outgoing e-mail for nodemailer (MSG-8). */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  attachments: Array<{ filename: string; href: string; contentType: string }>;
}

/**
 * An outgoing e-mail from the channel's address: its own `Message-ID`, and for a reply `In-Reply-To`
 * the e-mail it answers and `References` the conversation so far; CC and BCC as the sender gave them
 * (BCC only in the envelope); a file from our storage by its signed URL.
 */
export function outgoingMail(delivery: Delivery, message: MessageSnapshot, channelName: string, address: string): OutgoingMail | { refused: string } {
  const email = message.email;
  if (!email?.messageId) return { refused: 'Only e-mail messages go out on an e-mail channel' };
  const references = [...(email.references ?? [])];
  if (email.inReplyTo && !references.includes(email.inReplyTo)) references.push(email.inReplyTo);
  return {
    from: { name: channelName, address },
    to: delivery.address,
    cc: email.cc ?? [],
    bcc: email.bcc ?? [],
    subject: email.subject ?? '',
    text: message.text ?? '',
    messageId: email.messageId,
    ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    attachments: delivery.attachment ? [{ filename: delivery.attachment.fileName, href: delivery.attachment.url, contentType: delivery.attachment.contentType }] : [],
  };
}
