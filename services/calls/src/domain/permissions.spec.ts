import { applyPermissionEvent, PermissionState } from './permissions';

const requested: PermissionState = { id: 'p1', workspaceId: 'w', channelId: 'ch', contactId: 'k', providerRequestId: null, status: 'requested', requestedAt: '2026-03-01T10:00:00.000Z', answeredAt: null, appliedEventIds: [] };

describe('call permission requests (CAL-5)', () => {
  it('the contact accepts or rejects; a repeat of the answer changes nothing', () => {
    const accepted = applyPermissionEvent(requested, { id: 'e1', kind: 'permission_accepted', at: '2026-03-01T10:01:00.000Z' });
    expect(accepted).toMatchObject({ status: 'accepted', answeredAt: '2026-03-01T10:01:00.000Z' });
    expect(applyPermissionEvent(accepted!, { id: 'e1', kind: 'permission_accepted', at: '2026-03-01T10:01:00.000Z' })).toBeNull();
  });

  it('the contact’s latest answer counts; an older one arriving late does not', () => {
    const accepted = applyPermissionEvent(requested, { id: 'e1', kind: 'permission_accepted', at: '2026-03-01T10:05:00.000Z' })!;
    expect(applyPermissionEvent(accepted, { id: 'e2', kind: 'permission_rejected', at: '2026-03-01T10:02:00.000Z' })).toBeNull();
    expect(applyPermissionEvent(accepted, { id: 'e3', kind: 'permission_rejected', at: '2026-03-01T10:09:00.000Z' })).toMatchObject({ status: 'rejected' });
  });
});
