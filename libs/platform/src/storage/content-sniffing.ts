/**
 * What a file is, read from its first bytes (MSG-10): never from the name or the type a client or a
 * provider declares, so a `.pdf` that is a Windows program is kept and served as a program. The name
 * only picks among formats that share one container (a ZIP is a Word, Excel or PowerPoint file when it
 * is named so), never turns one kind of file into another.
 */

/** Bytes that decide a file's type: enough for every signature below and to tell text from binary. */
export const SNIFF_BYTES = 512;

export const OCTET_STREAM = 'application/octet-stream';
export const PLAIN_TEXT = 'text/plain; charset=utf-8';

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const at = (head: Uint8Array, bytes: number[], offset = 0) => head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte);
const text = (head: Uint8Array, start: number, end: number) => String.fromCharCode(...head.subarray(start, end));

/** MPEG audio frame header without an ID3 tag: 11 sync bits, then a layer (ADTS, which is AAC, has none). */
const mpegFrame = (head: Uint8Array) => head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0;

/** ISO base media (MP4, QuickTime, HEIC): `ftyp` and a brand after the box size. */
function isoMediaType(head: Uint8Array): string {
  const brand = text(head, 8, 12);
  if (brand === 'M4A ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  return 'video/mp4';
}

const OFFICE_BY_EXTENSION: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const LEGACY_OFFICE_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const extensionOf = (fileName?: string) => /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? '')?.[1].toLowerCase() ?? '';

/** A ZIP container: OpenDocument names its type in its first entry; Office Open XML is told by the name. */
function zipType(head: Uint8Array, fileName?: string): string {
  // An OpenDocument file starts with an uncompressed entry named `mimetype` holding its type.
  if (text(head, 30, 38) === 'mimetype') {
    const declared = /^application\/vnd\.oasis\.opendocument\.[a-z.-]+/.exec(text(head, 38, 38 + 80));
    if (declared) return declared[0];
  }
  return OFFICE_BY_EXTENSION[extensionOf(fileName)] ?? 'application/zip';
}

/** The signatures, most specific first: the first that matches names the type. */
const SIGNATURES: Array<{ matches: (head: Uint8Array) => boolean; type: (head: Uint8Array, fileName?: string) => string }> = [
  { matches: (head) => at(head, ascii('%PDF-')), type: () => 'application/pdf' },
  { matches: (head) => at(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), type: () => 'image/png' },
  { matches: (head) => at(head, [0xff, 0xd8, 0xff]), type: () => 'image/jpeg' },
  { matches: (head) => at(head, ascii('GIF87a')) || at(head, ascii('GIF89a')), type: () => 'image/gif' },
  { matches: (head) => at(head, ascii('RIFF')) && at(head, ascii('WEBP'), 8), type: () => 'image/webp' },
  { matches: (head) => at(head, ascii('RIFF')) && at(head, ascii('WAVE'), 8), type: () => 'audio/wav' },
  { matches: (head) => at(head, ascii('OggS')), type: () => 'audio/ogg' },
  { matches: (head) => at(head, ascii('ID3')) || mpegFrame(head), type: () => 'audio/mpeg' },
  { matches: (head) => at(head, ascii('ftyp'), 4), type: isoMediaType },
  { matches: (head) => at(head, [0x50, 0x4b, 0x03, 0x04]) || at(head, [0x50, 0x4b, 0x05, 0x06]), type: zipType },
  { matches: (head) => at(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), type: (_head, name) => LEGACY_OFFICE_BY_EXTENSION[extensionOf(name)] ?? 'application/x-ole-storage' },
  { matches: (head) => at(head, ascii('MZ')), type: () => 'application/vnd.microsoft.portable-executable' },
  { matches: (head) => at(head, [0x7f, 0x45, 0x4c, 0x46]), type: () => 'application/x-executable' },
];

/** UTF-8 without NUL or control characters other than tab, line feed, form feed and carriage return. */
function isText(head: Uint8Array): boolean {
  if (head.some((byte) => (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)) || byte === 0x7f)) return false;
  try {
    // `stream: true` keeps a character cut at the end of the head from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The content type of a file from its first bytes (at least SNIFF_BYTES of them, or the whole file). */
export function sniffContentType(head: Uint8Array, fileName?: string): string {
  const signature = SIGNATURES.find((candidate) => candidate.matches(head));
  if (signature) return signature.type(head, fileName);
  return head.length > 0 && isText(head) ? PLAIN_TEXT : OCTET_STREAM;
}
