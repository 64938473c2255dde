import type { AttachmentAnswer } from '@omnibox/contracts';

/**
 * API.md `attachment` (MSG-10), every field present (`null` when empty). Beyond API.md: `status` and
 * `reason` (incoming media that could not be copied, CHN-3), and the message and contact once sent or
 * received.
 */
export function attachmentJson(attachment: AttachmentAnswer) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    storedName: attachment.storedName,
    contentType: attachment.contentType,
    size: Number(attachment.size),
    sha256: attachment.sha256 ?? null,
    status: attachment.status,
    reason: attachment.reason ?? null,
    url: attachment.url ?? null,
    messageId: attachment.messageId ?? null,
    contactId: attachment.contactId ?? null,
    createdAt: attachment.createdAt,
  };
}
