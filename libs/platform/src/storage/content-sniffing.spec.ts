import { OCTET_STREAM, PLAIN_TEXT, sniffContentType } from './content-sniffing';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
/** A ZIP whose first entry is `name` (local file header: 30 bytes, then the name). */
const zipWithEntry = (name: string, content = '') => bytes([0x50, 0x4b, 0x03, 0x04], Buffer.alloc(26).toString('latin1'), name, content);

describe('content sniffing (MSG-10: the type comes from the bytes)', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a WAV', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['an Ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['an MP3 with an ID3 tag', bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
    ['an MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['an MP4', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    ['an M4A', bytes([0, 0, 0, 0x18], 'ftypM4A ', [0, 0, 2, 0]), 'audio/mp4'],
    ['an iPhone photo (HEIC)', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'image/heic'],
    ['a ZIP', zipWithEntry('notes.txt'), 'application/zip'],
    ['an OpenDocument text', zipWithEntry('mimetype', 'application/vnd.oasis.opendocument.textPK'), 'application/vnd.oasis.opendocument.text'],
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0]), 'application/vnd.microsoft.portable-executable'],
    ['an ELF program', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'application/x-executable'],
    ['UTF-8 text', Buffer.from('Grüße aus München 👋\nline two\r\n'), PLAIN_TEXT],
    ['unknown binary', bytes([0, 1, 2, 3, 250, 251]), OCTET_STREAM],
  ])('%s is recognised', (_label, head, type) => {
    expect(sniffContentType(head)).toBe(type);
  });

  it('MSG-10: a ".pdf" that is a Windows program is what its bytes say, whatever its name', () => {
    expect(sniffContentType(bytes('MZ', [0x90, 0, 3, 0]), 'invoice.pdf')).toBe('application/vnd.microsoft.portable-executable');
    expect(sniffContentType(Buffer.from('plain words'), 'photo.jpg')).toBe(PLAIN_TEXT);
  });

  it('the name only tells Office files apart among ZIP and OLE containers', () => {
    expect(sniffContentType(zipWithEntry('[Content_Types].xml'), 'report.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffContentType(zipWithEntry('[Content_Types].xml'), 'sheet.XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffContentType(zipWithEntry('[Content_Types].xml'), 'deck.pptx')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(sniffContentType(zipWithEntry('x'), 'archive.exe')).toBe('application/zip');
    const ole = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(sniffContentType(ole, 'old.doc')).toBe('application/msword');
    expect(sniffContentType(ole, 'old.bin')).toBe('application/x-ole-storage');
  });

  it('text is UTF-8 without control characters; a character cut at the end of the head still counts as text', () => {
    const cut = Buffer.from('price: 5 €').subarray(0, -1);
    expect(sniffContentType(cut)).toBe(PLAIN_TEXT);
    expect(sniffContentType(Buffer.from('bell\u0007'))).toBe(OCTET_STREAM);
    expect(sniffContentType(bytes([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]))).toBe(OCTET_STREAM); // Latin-1, not UTF-8
    expect(sniffContentType(Buffer.alloc(0))).toBe(OCTET_STREAM);
  });

  it('ADTS (AAC) frames are not taken for MP3', () => {
    expect(sniffContentType(bytes([0xff, 0xf1, 0x50, 0x80]))).toBe(OCTET_STREAM);
  });
});
