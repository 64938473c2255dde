import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, copyFromUrl, mediaCopyOptions, OBJECT_STORAGE, ObjectStorage, objectStorageOptions, RemoteCopyOptions } from '@omnibox/platform';
import type { AttachmentFiles } from '../../application/ports';
import type { ConversationsConfig } from '../../config';
import type { MediaCopyOutcome } from '../../domain/attachments';

/** The attachments' bytes in the service's bucket (the platform's storage port). */
@Injectable()
export class StorageAttachmentFiles implements AttachmentFiles, OnApplicationShutdown {
  private readonly copyOptions: RemoteCopyOptions;
  /** Signs URLs with the address clients and providers reach (ATTACHMENT_URL_ENDPOINT), when it differs. */
  private readonly signer: ObjectStorage;

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {
    this.copyOptions = mediaCopyOptions(config);
    this.signer = config.ATTACHMENT_URL_ENDPOINT ? new ObjectStorage({ ...objectStorageOptions(config), endpoint: config.ATTACHMENT_URL_ENDPOINT }) : storage;
  }

  async onApplicationShutdown() {
    if (this.signer !== this.storage) await this.signer.close();
  }

  signedUrl(storageKey: string, audience: 'client' | 'provider'): Promise<string> {
    return this.signer.signedUrl(storageKey, audience === 'client' ? this.config.ATTACHMENT_URL_TTL_SECONDS : this.config.ATTACHMENT_DELIVERY_URL_TTL_SECONDS);
  }

  delete(storageKey: string): Promise<void> {
    return this.storage.delete(storageKey);
  }

  async copyFromProvider(url: string, storageKey: string, fileName: string, headers?: Record<string, string>): Promise<MediaCopyOutcome> {
    const copy = await copyFromUrl(this.storage, url, storageKey, headers ? { ...this.copyOptions, headers } : this.copyOptions, fileName);
    if (!copy.stored) return copy;
    return { stored: true, storageKey, contentType: copy.contentType, size: copy.object.size, sha256: copy.object.sha256 };
  }
}
