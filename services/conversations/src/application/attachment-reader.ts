import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { mayReadAttachment } from '../domain/attachment-access';
import type { AttachmentRecord } from '../domain/attachments';
import { ATTACHMENTS, Attachments, THREADS, Threads, TIMELINE, Timeline } from './ports';

/**
 * The attachments a caller may read (VIS-4): every read starts here, and anything else is a 404 that
 * says nothing of the file. A sent or received file follows its message, so after a merge (CON-3) it
 * is read by who may see the thread the message moved to.
 */
@Injectable()
export class AttachmentReader {
  constructor(
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(THREADS) private readonly threads: Threads,
  ) {}

  async readable(caller: CallerScope, id: string): Promise<AttachmentRecord> {
    const record = await this.attachments.find(id);
    if (!record || !mayReadAttachment(caller, record, await this.threadOf(record))) throw notFound('Attachment');
    return record;
  }

  private async threadOf(record: AttachmentRecord) {
    if (!record.messageId) return null;
    const message = await this.timeline.get(record.messageId);
    // A message kept for audit only (a blocked contact's, CNV-8) shows its file to no one.
    if (!message || !message.visible) return null;
    return this.threads.find(message.contactId);
  }
}
