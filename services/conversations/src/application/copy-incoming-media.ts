import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, InboundAttachment, MessageAttachment } from '@omnibox/contracts';
import { attachmentStorageKey, MediaCopyOutcome, messageAttachment, receivedAttachment } from '../domain/attachments';
import { derivedId } from './ids';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments, PROVIDER_MEDIA, ProviderMedia } from './ports';

/**
 * CHN-3: an incoming message's media is copied into our storage before the message is stored and
 * shown, because provider URLs expire. A file that cannot be had (refused address, gone, too large,
 * too slow after a few attempts) leaves the message as it is, its attachment `unavailable` with the
 * reason. The attachment's id comes from the message's, so a redelivered event reuses the first copy.
 * A file the provider names by its own id (WhatsApp, Telegram) is located through the channel's adapter
 * first, and downloaded with the headers it needs (the channel's token).
 */
@Injectable()
export class CopyIncomingMedia {
  constructor(
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
    @Inject(PROVIDER_MEDIA) private readonly providerMedia: ProviderMedia,
  ) {}

  async execute(workspaceId: string, messageId: string, contactId: string, media: InboundAttachment, channel: ChannelSnapshot): Promise<MessageAttachment> {
    const id = derivedId(`attachment|${messageId}`);
    const existing = await this.attachments.find(id);
    if (existing) return messageAttachment(existing);
    const storageKey = attachmentStorageKey(workspaceId, id);
    const copy = await this.copy(media, storageKey, channel);
    const record = receivedAttachment({ id, workspaceId, messageId, contactId, fileName: media.fileName, copy, now: new Date().toISOString() });
    if (!(await this.attachments.create(record))) {
      // Copied by a redelivery of the same event meanwhile: that copy is the one kept.
      return messageAttachment((await this.attachments.find(id)) ?? record);
    }
    return messageAttachment(record);
  }

  private async copy(media: InboundAttachment, storageKey: string, channel: ChannelSnapshot): Promise<MediaCopyOutcome> {
    if (media.url) return this.files.copyFromProvider(media.url, storageKey, media.fileName);
    if (!media.providerFileId) return { stored: false, reason: 'the provider named no file' };
    const located = await this.providerMedia.locate(channel, media.providerFileId);
    if ('error' in located) return { stored: false, reason: located.error };
    return this.files.copyFromProvider(located.url, storageKey, media.fileName, located.headers);
  }
}
