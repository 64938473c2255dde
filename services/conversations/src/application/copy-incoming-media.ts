import { Inject, Injectable } from '@nestjs/common';
import type { InboundAttachment, MessageAttachment } from '@omnibox/contracts';
import { attachmentStorageKey, messageAttachment, receivedAttachment } from '../domain/attachments';
import { derivedId } from './ids';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments } from './ports';

/**
 * CHN-3: an incoming message's media is copied into our storage before the message is stored and
 * shown, because provider URLs expire. A file that cannot be had (refused address, gone, too large,
 * too slow after a few attempts) leaves the message as it is, its attachment `unavailable` with the
 * reason. The attachment's id comes from the message's, so a redelivered event reuses the first copy.
 */
@Injectable()
export class CopyIncomingMedia {
  constructor(
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  async execute(workspaceId: string, messageId: string, contactId: string, media: InboundAttachment): Promise<MessageAttachment> {
    const id = derivedId(`attachment|${messageId}`);
    const existing = await this.attachments.find(id);
    if (existing) return messageAttachment(existing);
    const storageKey = attachmentStorageKey(workspaceId, id);
    const copy = await this.files.copyFromProvider(media.url, storageKey, media.fileName);
    const record = receivedAttachment({ id, workspaceId, messageId, contactId, fileName: media.fileName, copy, now: new Date().toISOString() });
    if (!(await this.attachments.create(record))) {
      // Copied by a redelivery of the same event meanwhile: that copy is the one kept.
      return messageAttachment((await this.attachments.find(id)) ?? record);
    }
    return messageAttachment(record);
  }
}
