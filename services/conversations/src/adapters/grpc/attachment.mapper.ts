import type { AttachmentMessage, MessageAttachment } from '@omnibox/contracts';
import type { AttachmentView } from '../../application/get-attachment';
import { optional } from './conversation.mapper';

/** API.md `attachment` as the proto `Attachment`. */
export function attachmentMessage({ record, url }: AttachmentView): AttachmentMessage {
  return {
    id: record.id,
    fileName: record.fileName,
    storedName: record.storedName,
    contentType: record.contentType,
    size: record.size,
    sha256: optional(record.sha256),
    status: record.status,
    reason: optional(record.reason),
    url: optional(url),
    createdAt: record.createdAt,
    messageId: optional(record.messageId),
    contactId: optional(record.contactId),
  };
}

/** A message's attachment (MSG-10) as the proto `MessageAttachment`. */
export function messageAttachmentMessage(attachment: MessageAttachment) {
  const { id, fileName, storedName, contentType, size, status, reason } = attachment;
  return { id, fileName, storedName, contentType, size, status, reason: optional(reason) };
}
