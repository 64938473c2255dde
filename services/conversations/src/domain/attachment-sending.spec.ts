import type { CallerScope } from '@omnibox/contracts';
import { checkSendable, isOrphanedUpload, orphanCutoff } from './attachment-sending';
import { AttachmentRecord, uploadedAttachment } from './attachments';

const ana: CallerScope = { workspaceId: 'w1', principalId: 'ana', kind: 'user', role: 'agent', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: false };
const upload = uploadedAttachment({ id: 'a1', workspaceId: 'w1', uploaderId: 'ana', fileName: 'f.pdf', contentType: 'application/pdf', size: 1, sha256: 'x', storageKey: 'attachments/w1/a1', now: '2026-01-01T00:00:00.000Z' });

describe('sending a file (MSG-10) and sweeping uploads never sent', () => {
  it('MSG-10: a message carries a file its sender uploaded and has not sent', () => {
    expect(checkSendable(ana, upload)).toBeNull();
  });

  it('MSG-10: someone else\'s upload, a missing one or incoming media cannot be sent', () => {
    expect(checkSendable({ ...ana, principalId: 'ben' }, upload)?.refused).toBe('not_an_upload');
    expect(checkSendable(ana, null)?.refused).toBe('not_an_upload');
    expect(checkSendable({ ...ana, workspaceId: 'w2' }, upload)?.refused).toBe('not_an_upload');
    expect(checkSendable(ana, { ...upload, phase: 'received', uploaderId: null })?.refused).toBe('not_an_upload');
  });

  it('MSG-10: an upload goes out once', () => {
    expect(checkSendable(ana, { ...upload, phase: 'sent', messageId: 'm1' })?.refused).toBe('attachment_already_sent');
  });

  it('uploads never sent are orphans once older than the configured hours; sent and received files never are', () => {
    const cutoff = orphanCutoff(new Date('2026-01-02T00:00:00.000Z'), 24);
    expect(cutoff).toBe('2026-01-01T00:00:00.000Z');
    const old: AttachmentRecord = { ...upload, createdAt: '2025-12-31T23:59:59.000Z' };
    expect(isOrphanedUpload(old, cutoff)).toBe(true);
    expect(isOrphanedUpload({ ...old, createdAt: '2026-01-01T00:00:01.000Z' }, cutoff)).toBe(false);
    expect(isOrphanedUpload({ ...old, phase: 'sent', messageId: 'm1' }, cutoff)).toBe(false);
    expect(isOrphanedUpload({ ...old, phase: 'received' }, cutoff)).toBe(false);
    expect(isOrphanedUpload({ ...upload, phase: 'deleting' }, cutoff)).toBe(true);
  });
});
