import type { MessageAttachment } from '@omnibox/contracts';

/** MSG-10: a unique stored name that keeps the original name readable. */
export function storedAttachmentName(id: string, fileName: string): string {
  const safe = fileName.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(-120) || 'file';
  return `${id}-${safe}`;
}

/**
 * Where an attachment is in its life:
 * - `uploaded`: a user's (or API token's) file, theirs alone until they send it;
 * - `sent`: linked to the outgoing message that carries it;
 * - `received`: copied (or not, see `status`) from an incoming message's media (CHN-3);
 * - `deleting`: an upload never sent, being removed by the orphan sweep.
 */
export type AttachmentPhase = 'uploaded' | 'sent' | 'received' | 'deleting';

/** One file, as the conversations service keeps it (collection `attachments`). */
export interface AttachmentRecord {
  id: string;
  workspaceId: string;
  /** The user or API token that uploaded it; null for incoming media. */
  uploaderId: string | null;
  phase: AttachmentPhase;
  /** The message carrying it, once sent or received, and its contact then. */
  messageId: string | null;
  contactId: string | null;
  fileName: string;
  storedName: string;
  contentType: string;
  size: number;
  sha256: string | null;
  /** Object key in the service's bucket; null when nothing could be stored. */
  storageKey: string | null;
  status: MessageAttachment['status'];
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const FILE_NAME_MAX = 255;

/** Object keys of attachments: one folder per workspace, named by the attachment's id. */
export function attachmentStorageKey(workspaceId: string, id: string): string {
  return `attachments/${workspaceId}/${id}`;
}

/** An upload the gateway stored for `uploaderId` (MSG-10). */
export function uploadedAttachment(input: { id: string; workspaceId: string; uploaderId: string; fileName: string; contentType: string; size: number; sha256: string; storageKey: string; now: string }): AttachmentRecord {
  const { id, workspaceId, uploaderId, fileName, contentType, size, sha256, storageKey, now } = input;
  return { id, workspaceId, uploaderId, phase: 'uploaded', messageId: null, contactId: null, fileName, storedName: storedAttachmentName(id, fileName), contentType, size, sha256, storageKey, status: 'stored', reason: null, createdAt: now, sentAt: null };
}

/** What copying an incoming message's media gave: the stored file, or why there is none (CHN-3). */
export type MediaCopyOutcome = { stored: true; storageKey: string; contentType: string; size: number; sha256: string } | { stored: false; reason: string };

/** The media of an incoming message, stored or shown as unavailable with the reason (CHN-3). */
export function receivedAttachment(input: { id: string; workspaceId: string; messageId: string; contactId: string; fileName: string; copy: MediaCopyOutcome; now: string }): AttachmentRecord {
  const { id, workspaceId, messageId, contactId, fileName, copy, now } = input;
  const file = copy.stored
    ? { contentType: copy.contentType, size: copy.size, sha256: copy.sha256, storageKey: copy.storageKey, status: 'stored' as const, reason: null }
    : { contentType: 'application/octet-stream', size: 0, sha256: null, storageKey: null, status: 'unavailable' as const, reason: copy.reason };
  return { id, workspaceId, uploaderId: null, phase: 'received', messageId, contactId, fileName, storedName: storedAttachmentName(id, fileName), ...file, createdAt: now, sentAt: null };
}

/** The attachment as a message carries it (API.md `message.attachment`). */
export function messageAttachment(record: AttachmentRecord): MessageAttachment {
  const { id, fileName, storedName, contentType, size, status, reason } = record;
  return { id, fileName, storedName, contentType, size, status, reason };
}

/** How a provider shows a file (WhatsApp, Telegram and others send images, audio and video their own way). */
export function attachmentKind(contentType: string): 'image' | 'audio' | 'video' | 'document' {
  const top = contentType.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'document';
}
