import { AddressObject, simpleParser } from 'mailparser';
import type { ReceivedMail } from '../../domain/incoming-mail';

const addresses = (field: AddressObject | AddressObject[] | undefined): Array<{ address: string; name?: string }> =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value).flatMap((entry) => (entry.address ? [{ address: entry.address, name: entry.name || undefined }] : []));

/** Reads a mail's MIME (mailparser) into what the listener keeps of it. */
export async function readMail(raw: Buffer, recipients: string[]): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/).filter(Boolean);
  return {
    from: addresses(parsed.from)[0] ?? null,
    recipients: recipients.map((address) => address.toLowerCase()),
    subject: parsed.subject,
    text: parsed.text,
    html: parsed.html || undefined,
    cc: addresses(parsed.cc).map((entry) => entry.address),
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references,
    date: parsed.date,
    attachments: parsed.attachments.map((file) => ({ fileName: file.filename ?? 'attachment', contentType: file.contentType, size: file.size })),
  };
}
