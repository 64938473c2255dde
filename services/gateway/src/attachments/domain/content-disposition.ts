/**
 * `Content-Disposition` of a download (RFC 6266): always an attachment, never shown inline, under its
 * original name (MSG-10). `filename*` carries the exact name in UTF-8 (RFC 8187), so quotes, slashes
 * and emoji come back as they were; `filename` is an ASCII stand-in for clients that read only that.
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

/** Accents dropped, anything else outside printable ASCII, quotes, backslashes, slashes and % replaced. */
function asciiFallback(fileName: string): string {
  const plain = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/gu, '_')
    .replace(/["\\/%]/g, '_')
    .trim();
  return plain || 'file';
}

/** RFC 8187 `value-chars`: percent-encoded UTF-8 of all but the attr-chars. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
