import { Inject, Injectable } from '@nestjs/common';
import { getLogger } from '@omnibox/platform';
import { isOrphanedUpload, orphanCutoff } from '../domain/attachment-sending';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments } from './ports';

/** Orphans removed per pass; the next pass takes the rest. */
const BATCH = 200;

/**
 * Deletes uploads never sent once older than the configured hours (MSG-10), file and record. Safe with
 * several replicas sweeping at once: an orphan is first marked `deleting` by a conditional update that
 * a send cannot pass any more (and that loses to a send that came first), deleting a file twice is
 * harmless, and a removal cut short is finished by the next pass.
 */
@Injectable()
export class SweepOrphanUploads {
  constructor(
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  /** Answers how many orphans were removed. */
  async execute(orphanHours: number, now = new Date()): Promise<number> {
    const cutoff = orphanCutoff(now, orphanHours);
    let removed = 0;
    for (const record of await this.attachments.orphans(cutoff, BATCH)) {
      if (!isOrphanedUpload(record, cutoff) || !(await this.attachments.markDeleting(record.id))) continue;
      try {
        if (record.storageKey) await this.files.delete(record.storageKey);
        await this.attachments.removeDeleting(record.id);
        removed++;
      } catch (error) {
        // Left `deleting`: the next pass finishes it (the store may be down for now).
        getLogger().warn({ err: error, attachmentId: record.id }, 'an orphaned upload could not be removed yet');
      }
    }
    return removed;
  }
}
