import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { ruleViolation } from '@omnibox/platform';
import type { AttachmentRecord } from '../domain/attachments';
import { AttachmentReader } from './attachment-reader';

/**
 * `GET /v1/attachments/{id}/content`: where the bytes are, for whoever may read them (VIS-4); the
 * gateway streams them. Incoming media that could not be copied has no bytes (422 with the reason).
 */
@Injectable()
export class AuthorizeAttachmentRead {
  constructor(private readonly reader: AttachmentReader) {}

  async execute(caller: CallerScope, id: string): Promise<{ record: AttachmentRecord; storageKey: string }> {
    const record = await this.reader.readable(caller, id);
    if (record.status !== 'stored' || !record.storageKey) {
      throw ruleViolation('attachment_unavailable', `The file could not be copied from the provider: ${record.reason ?? 'unknown reason'}`);
    }
    return { record, storageKey: record.storageKey };
  }
}
