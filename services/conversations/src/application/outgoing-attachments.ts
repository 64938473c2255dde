import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { conflict, invalidInput } from '@omnibox/platform';
import { checkSendable } from '../domain/attachment-sending';
import type { AttachmentRecord } from '../domain/attachments';
import { ATTACHMENTS, Attachments } from './ports';

const alreadySent = () => conflict('This file was sent already; upload it again to send it again', 'attachment_already_sent');

/** MSG-10: the upload an outgoing message carries, linked to it as the message is stored. */
@Injectable()
export class OutgoingAttachments {
  constructor(@Inject(ATTACHMENTS) private readonly attachments: Attachments) {}

  /** The caller's unsent upload (400 naming `attachment.id` when it is not one, 409 when it went out already). */
  async sendable(caller: CallerScope, id: string): Promise<AttachmentRecord> {
    const record = await this.attachments.find(id);
    const refusal = checkSendable(caller, record);
    if (refusal?.refused === 'attachment_already_sent') throw alreadySent();
    if (refusal) throw invalidInput('attachment.id', 'is not a file you uploaded; upload it with POST /v1/attachments first');
    return record!;
  }

  /**
   * Links the upload to its message right before the message is stored; a concurrent send of the same
   * upload loses here (409). When storing fails, `release` makes the upload sendable again.
   */
  async claim(record: AttachmentRecord, link: { messageId: string; contactId: string; at: string }): Promise<void> {
    if (!(await this.attachments.markSent(record.id, link))) throw alreadySent();
  }

  release(record: AttachmentRecord, messageId: string): Promise<void> {
    return this.attachments.unmarkSent(record.id, messageId);
  }
}
