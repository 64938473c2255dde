import { createHash } from 'node:crypto';
import type { InboundMessageEvent } from '@omnibox/contracts';

/** A mail the SMTP listener received, as read from its MIME (the SMTP adapter parses it). */
export interface ReceivedMail {
  from: { address: string; name?: string } | null;
  /** The envelope's recipients (RCPT TO), lower case. */
  recipients: string[];
  subject?: string;
  text?: string;
  html?: string;
  cc: string[];
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The `Date` header. */
  date?: Date;
  /** Files it carried, named only (their bytes are not kept yet). */
  attachments: Array<{ fileName: string; contentType: string; size: number }>;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
/** The input policy for mail: control characters no product field needs are dropped (they show nothing). */
const clean = (text: string | undefined, max: number) => text?.replace(CONTROL, '').slice(0, max);
const messageIdOf = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= 500 ? trimmed : undefined;
};

/**
 * MSG-8: an incoming e-mail as a provider event of its sender. Its key is its `Message-ID` (a mail
 * without one gets one from its content, so a sender's retry is still the same mail); its time is its
 * `Date` (CHN-2 keeps it no later than its arrival); the original content (HTML and text), subject, CC
 * and threading headers are kept. CC'd addresses never start a conversation: only the sender is a contact.
 */
export function mailEvent(mail: ReceivedMail, raw: Buffer, hostname: string): InboundMessageEvent | null {
  const from = mail.from?.address.trim().toLowerCase();
  if (!from) return null;
  const messageId = messageIdOf(mail.messageId) ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@${hostname}>`;
  const [firstName, ...rest] = (clean(mail.from?.name, 200) ?? '').trim().split(/\s+/).filter(Boolean);
  const text = clean(mail.text, 100_000)?.trim();
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : new Date().toISOString();
  return {
    type: 'message',
    id: messageId,
    timestamp: date,
    contact: { externalId: from, email: from, ...(firstName ? { firstName: firstName.slice(0, 100) } : {}), ...(rest.length ? { lastName: rest.join(' ').slice(0, 100) } : {}) },
    message: {
      type: 'email',
      text: text || undefined,
      email: {
        subject: clean(mail.subject, 1000),
        html: clean(mail.html, 500_000),
        cc: mail.cc.map((address) => address.toLowerCase()).slice(0, 100),
        messageId,
        inReplyTo: messageIdOf(mail.inReplyTo),
        references: mail.references.map(messageIdOf).filter((id): id is string => Boolean(id)).slice(-50),
      },
      ...(mail.attachments.length ? { payload: { attachments: mail.attachments.slice(0, 50) } } : {}),
    },
  };
}
