import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, copyFromUrl, mediaCopyOptions, OBJECT_STORAGE, ObjectStorage, RemoteCopyOptions } from '@omnibox/platform';
import type { AttachmentFiles } from '../../application/ports';
import type { ConversationsConfig } from '../../config';
import type { MediaCopyOutcome } from '../../domain/attachments';

/** The attachments' bytes in the service's bucket (the platform's storage port). */
@Injectable()
export class StorageAttachmentFiles implements AttachmentFiles {
  private readonly copyOptions: RemoteCopyOptions;

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {
    this.copyOptions = mediaCopyOptions(config);
  }

  signedUrl(storageKey: string, audience: 'client' | 'provider'): Promise<string> {
    return this.storage.signedUrl(storageKey, audience === 'client' ? this.config.ATTACHMENT_URL_TTL_SECONDS : this.config.ATTACHMENT_DELIVERY_URL_TTL_SECONDS);
  }

  delete(storageKey: string): Promise<void> {
    return this.storage.delete(storageKey);
  }

  async copyFromProvider(url: string, storageKey: string, fileName: string): Promise<MediaCopyOutcome> {
    const copy = await copyFromUrl(this.storage, url, storageKey, this.copyOptions, fileName);
    if (!copy.stored) return copy;
    return { stored: true, storageKey, contentType: copy.contentType, size: copy.object.size, sha256: copy.object.sha256 };
  }
}
