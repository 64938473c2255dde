import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { AttachmentRecord } from '../domain/attachments';
import { AttachmentReader } from './attachment-reader';
import { ATTACHMENT_FILES, AttachmentFiles } from './ports';

/** API.md `attachment`: the record, and a fresh signed URL while its bytes are stored. */
export interface AttachmentView {
  record: AttachmentRecord;
  url: string | null;
}

export async function viewOf(record: AttachmentRecord, files: AttachmentFiles): Promise<AttachmentView> {
  return { record, url: record.status === 'stored' && record.storageKey ? await files.signedUrl(record.storageKey, 'client') : null };
}

/** `GET /v1/attachments/{id}` (MSG-10): for whoever may read it (VIS-4), with a URL that expires soon. */
@Injectable()
export class GetAttachment {
  constructor(
    private readonly reader: AttachmentReader,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  async execute(caller: CallerScope, id: string): Promise<AttachmentView> {
    return viewOf(await this.reader.readable(caller, id), this.files);
  }
}
