/** MSG-10: a unique stored name that keeps the original name readable. */
export function storedAttachmentName(messageId: string, fileName: string): string {
  const safe = fileName.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(-120) || 'file';
  return `${messageId}-${safe}`;
}
