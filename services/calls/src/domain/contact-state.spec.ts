import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { newCall } from './call';
import { withContact } from './contact-state';

const call = newCall({ id: 'c1', workspaceId: 'w', channel: { id: 'ch', type: 'api' }, providerCallId: 'p1', contact: { id: 'k', firstName: 'Kim', lastName: null, phone: '+1555' }, externalId: 'x', direction: 'incoming', at: '2026-03-01T10:00:00.000Z', maxDurationSeconds: 3600, access: NO_ACCESS_GRANTS, blocked: false });
const known = { contactId: 'k', workspaceId: 'w', contact: call.contact, blocked: false, deleted: false, access: NO_ACCESS_GRANTS };

describe('calls in step with their contact (CAL-1, VIS-4, CNV-8)', () => {
  it('a call follows its contact’s owner, details and block state', () => {
    expect(withContact(call, known)).toBeNull();
    expect(withContact(call, { ...known, access: { ...NO_ACCESS_GRANTS, assigneeId: 'ana' } })!.access.assigneeId).toBe('ana');
    expect(withContact(call, { ...known, blocked: true })!.blocked).toBe(true);
    expect(withContact(call, { ...known, contact: { ...call.contact, firstName: 'Kimberly' } })!.contact.firstName).toBe('Kimberly');
  });
});
