import { announcedTooLarge, checkFileName, checkPart, newAttachmentId, uploadStorageKey } from './upload-rules';

describe('upload rules (MSG-10)', () => {
  it('MSG-10: the one part named "file", with a file name, is the file', () => {
    expect(checkPart({ name: 'file', fileName: 'price list.pdf' }, false)).toBeNull();
  });

  it('another part, a second file or a file part without a file name is refused naming it', () => {
    expect(checkPart({ name: 'caption', fileName: undefined }, false)).toEqual({ field: 'caption', message: expect.stringContaining('not expected') });
    expect(checkPart({ name: 'other', fileName: 'x.pdf' }, false)?.field).toBe('other');
    expect(checkPart({ name: '', fileName: 'x.pdf' }, false)?.field).toBe('body');
    expect(checkPart({ name: 'file', fileName: 'second.pdf' }, true)?.message).toContain('once');
    expect(checkPart({ name: 'file' }, false)?.message).toContain('filename');
  });

  it('MSG-10: any name is kept as given (quotes, slashes, emoji), but not an empty one, control characters or over 255 characters', () => {
    expect(checkFileName('a "quoted"/name 🎉.pdf')).toBeNull();
    expect(checkFileName('../../etc/passwd')).toBeNull();
    expect(checkFileName('')).not.toBeNull();
    expect(checkFileName('   ')).not.toBeNull();
    expect(checkFileName('bad\u0000name')).not.toBeNull();
    expect(checkFileName('🎉'.repeat(255))).toBeNull();
    expect(checkFileName('a'.repeat(256))).not.toBeNull();
  });

  it('a body announced larger than the limit and its framing is refused up front', () => {
    expect(announcedTooLarge(String(25 * 1024 * 1024), 25 * 1024 * 1024)).toBe(false);
    expect(announcedTooLarge(String(26 * 1024 * 1024), 25 * 1024 * 1024)).toBe(true);
    expect(announcedTooLarge(undefined, 10)).toBe(false);
  });

  it('uploads are named by a fresh id under their workspace', () => {
    const id = newAttachmentId();
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(newAttachmentId()).not.toBe(id);
    expect(uploadStorageKey('w1', id)).toBe(`attachments/w1/${id}`);
  });
});
