import type { CallerScope } from '@omnibox/contracts';
import { mayReadAttachment, ThreadOfAttachment } from './attachment-access';
import { AttachmentRecord, uploadedAttachment } from './attachments';

const caller = (principalId: string, restriction: CallerScope['restriction'] = 'self', role: CallerScope['role'] = 'agent'): CallerScope => ({
  workspaceId: 'w1', principalId, kind: 'user', role, restriction, teamIds: [], teamMemberIds: [], canViewBlocked: false,
});
const upload = uploadedAttachment({ id: 'a1', workspaceId: 'w1', uploaderId: 'ana', fileName: 'f.pdf', contentType: 'application/pdf', size: 1, sha256: 'x', storageKey: 'attachments/w1/a1', now: '2026-01-01T00:00:00.000Z' });
const sent: AttachmentRecord = { ...upload, phase: 'sent', messageId: 'm1', contactId: 'c1' };
const thread = (assigneeId: string | null): ThreadOfAttachment => ({ workspaceId: 'w1', deleted: false, assigneeId, teamId: null, collaboratorIds: [], mentionedUntil: {} });

describe('who may read a file (VIS-4, MSG-10)', () => {
  it('VIS-4: an upload is its uploader\'s alone until it is sent, owners included', () => {
    expect(mayReadAttachment(caller('ana'), upload, null)).toBe(true);
    expect(mayReadAttachment(caller('ben', 'none'), upload, null)).toBe(false);
    expect(mayReadAttachment(caller('olivia', 'none', 'owner'), upload, null)).toBe(false);
  });

  it('VIS-4: once sent, whoever may see the thread reads it, and no one else, the uploader included', () => {
    expect(mayReadAttachment(caller('ben'), sent, thread('ben'))).toBe(true);
    expect(mayReadAttachment(caller('olivia', 'none', 'owner'), sent, thread('ben'))).toBe(true);
    expect(mayReadAttachment(caller('ana'), sent, thread('ben'))).toBe(false);
    expect(mayReadAttachment(caller('sam'), sent, thread('ben'))).toBe(false);
  });

  it('VIS-4: another workspace, a deleted thread, a missing thread or an upload being swept are no one\'s', () => {
    expect(mayReadAttachment({ ...caller('ana'), workspaceId: 'w2' }, upload, null)).toBe(false);
    expect(mayReadAttachment(caller('ben'), sent, { ...thread('ben'), deleted: true })).toBe(false);
    expect(mayReadAttachment(caller('ben'), sent, null)).toBe(false);
    expect(mayReadAttachment(caller('ana'), { ...upload, phase: 'deleting' }, null)).toBe(false);
  });

  it('CHN-3: received media is read like any message of the thread', () => {
    const received: AttachmentRecord = { ...sent, phase: 'received', uploaderId: null };
    expect(mayReadAttachment(caller('ben'), received, thread('ben'))).toBe(true);
    expect(mayReadAttachment(caller('sam'), received, thread('ben'))).toBe(false);
  });
});
