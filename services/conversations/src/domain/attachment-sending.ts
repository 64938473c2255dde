import type { CallerScope } from '@omnibox/contracts';
import type { AttachmentRecord } from './attachments';
import type { RuleRefusal } from './thread';

/**
 * MSG-10: a message may carry a file its sender uploaded and has not sent yet; an upload goes out
 * once (upload it again to send it again). Someone else's upload is as good as missing (VIS-4).
 */
export function checkSendable(caller: CallerScope, record: AttachmentRecord | null): RuleRefusal | null {
  if (!record || record.workspaceId !== caller.workspaceId || record.uploaderId !== caller.principalId || (record.phase !== 'uploaded' && record.phase !== 'sent')) {
    return { refused: 'not_an_upload', message: 'attachment.id: is not a file you uploaded; upload it with POST /v1/attachments first' };
  }
  if (record.phase === 'sent') return { refused: 'attachment_already_sent', message: 'This file was sent already; upload it again to send it again' };
  return null;
}

/** Uploads made before this time and never sent are orphans, deleted by the sweep. */
export function orphanCutoff(now: Date, orphanHours: number): string {
  return new Date(now.getTime() - orphanHours * 3600_000).toISOString();
}

/** An upload never sent, older than the cutoff (or one whose removal was started and not finished). */
export function isOrphanedUpload(record: AttachmentRecord, cutoff: string): boolean {
  if (record.phase === 'deleting') return true;
  return record.phase === 'uploaded' && record.messageId === null && record.createdAt < cutoff;
}
