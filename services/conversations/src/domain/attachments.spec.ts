import { attachmentKind, attachmentStorageKey, messageAttachment, receivedAttachment, storedAttachmentName, uploadedAttachment } from './attachments';

describe('attachments (MSG-10)', () => {
  it('MSG-10: unique stored names', () => {
    expect(storedAttachmentName('m1', '../price list.pdf')).toBe('m1-_price_list.pdf');
  });

  it('MSG-10: the original name stays readable in the stored one, whatever its script', () => {
    expect(storedAttachmentName('m2', 'Faktur Juni — ランチ.pdf')).toBe('m2-Faktur_Juni_ランチ.pdf');
    expect(storedAttachmentName('m3', '...')).toBe('m3-file');
  });

  it('MSG-10: an upload keeps the name it was given and is stored under a unique one, in its workspace folder', () => {
    const upload = uploadedAttachment({ id: 'a1', workspaceId: 'w1', uploaderId: 'u1', fileName: 'a "quoted"/name 🎉.pdf', contentType: 'application/pdf', size: 10, sha256: 'ab', storageKey: attachmentStorageKey('w1', 'a1'), now: '2026-01-01T00:00:00.000Z' });
    expect(upload).toMatchObject({ fileName: 'a "quoted"/name 🎉.pdf', storedName: 'a1-a_quoted_name_.pdf', phase: 'uploaded', status: 'stored', storageKey: 'attachments/w1/a1', messageId: null });
    expect(messageAttachment(upload)).toEqual({ id: 'a1', fileName: 'a "quoted"/name 🎉.pdf', storedName: 'a1-a_quoted_name_.pdf', contentType: 'application/pdf', size: 10, status: 'stored', reason: null });
  });

  it('CHN-3: incoming media that could not be copied is kept as unavailable, with the reason', () => {
    const base = { id: 'a2', workspaceId: 'w1', messageId: 'm1', contactId: 'c1', fileName: 'photo.jpg', now: '2026-01-01T00:00:00.000Z' };
    const copied = receivedAttachment({ ...base, copy: { stored: true, storageKey: 'attachments/w1/a2', contentType: 'image/jpeg', size: 5, sha256: 'cd' } });
    expect(copied).toMatchObject({ phase: 'received', status: 'stored', reason: null, contentType: 'image/jpeg', uploaderId: null, messageId: 'm1' });
    const lost = receivedAttachment({ ...base, copy: { stored: false, reason: 'the provider answered 404 for the file' } });
    expect(lost).toMatchObject({ phase: 'received', status: 'unavailable', reason: 'the provider answered 404 for the file', storageKey: null, size: 0 });
  });

  it('a file is shown by providers as an image, audio, video or a document', () => {
    expect(attachmentKind('image/png')).toBe('image');
    expect(attachmentKind('audio/ogg')).toBe('audio');
    expect(attachmentKind('video/mp4')).toBe('video');
    expect(attachmentKind('application/pdf')).toBe('document');
    expect(attachmentKind('text/plain; charset=utf-8')).toBe('document');
  });
});
