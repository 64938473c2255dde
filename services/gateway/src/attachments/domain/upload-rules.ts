import { randomBytes } from 'node:crypto';

/**
 * MSG-10 uploads: one multipart part named `file` holding the file, under the name the user gave it
 * (kept as given, whatever its characters, and shown so; it is never a path or a storage key).
 */
export const FILE_PART = 'file';
export const FILE_NAME_MAX = 255;

/** Room for the multipart framing around the file (boundaries, part headers). */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/** Why an upload is refused: the field to name (API.md 400) and what to fix. */
export interface UploadRefusal {
  field: string;
  message: string;
}

export const MISSING_FILE: UploadRefusal = { field: FILE_PART, message: 'is required: send multipart/form-data with one part named "file" holding the file' };
export const EMPTY_FILE: UploadRefusal = { field: FILE_PART, message: 'is empty' };

export function checkFileName(fileName: string): UploadRefusal | null {
  // eslint-disable-next-line no-control-regex
  if (!fileName.trim() || [...fileName].length > FILE_NAME_MAX || /[\u0000-\u001f\u007f]/.test(fileName)) {
    return { field: FILE_PART, message: `its file name must be 1 to ${FILE_NAME_MAX} characters without control characters` };
  }
  return null;
}

/** Each part of an upload in turn: only the first part named `file`, with a file name, is the file. */
export function checkPart(part: { name: string; fileName?: string }, fileSeen: boolean): UploadRefusal | null {
  if (part.name !== FILE_PART) return { field: part.name || 'body', message: 'is not expected: send one part named "file" and nothing else' };
  if (fileSeen) return { field: FILE_PART, message: 'must be sent once: one file per upload' };
  if (part.fileName === undefined) return { field: FILE_PART, message: 'must be a file (a part with a filename)' };
  return checkFileName(part.fileName);
}

/** A body announced larger than the limit and its framing is refused before a byte is read. */
export function announcedTooLarge(contentLength: string | undefined, maxBytes: number): boolean {
  const length = Number(contentLength);
  return Number.isFinite(length) && length > maxBytes + MULTIPART_OVERHEAD_BYTES;
}

/** A new attachment's id: 24 hex, unguessable (it names the object in storage). */
export function newAttachmentId(): string {
  return randomBytes(12).toString('hex');
}

/** Where an upload's bytes go: the conversations service accepts exactly this key for the id and the caller's workspace. */
export function uploadStorageKey(workspaceId: string, id: string): string {
  return `attachments/${workspaceId}/${id}`;
}
