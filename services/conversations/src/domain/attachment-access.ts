import { CallerScope, canSeeThread, ThreadAccess } from '@omnibox/contracts';
import type { AttachmentRecord } from './attachments';

/** The thread an attachment's message is on, as far as reading the file depends on it. */
export interface ThreadOfAttachment extends ThreadAccess {
  workspaceId: string;
  deleted: boolean;
}

/**
 * VIS-4 for files (MSG-10): an upload is its uploader's alone until it is sent; once a message carries
 * it (sent or received), whoever may see that message's thread may read it, and no one else (404,
 * never its data). An upload being swept away is no one's.
 */
export function mayReadAttachment(caller: CallerScope, record: AttachmentRecord, thread: ThreadOfAttachment | null, now: Date = new Date()): boolean {
  if (record.workspaceId !== caller.workspaceId || record.phase === 'deleting') return false;
  if (record.phase === 'uploaded') return record.uploaderId === caller.principalId;
  if (!thread || thread.workspaceId !== caller.workspaceId || thread.deleted) return false;
  return canSeeThread(caller, thread, now);
}
