import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { announcedChanges, changedFields, isLive, newCall, secondsBetween, showsAnnounced, snapshotOf, viewOf } from './call';

const call = newCall({
  id: 'c1',
  workspaceId: 'w',
  channel: { id: 'ch', type: 'whatsapp' },
  providerCallId: 'p1',
  contact: { id: 'k', firstName: 'Kim', lastName: 'Lee', phone: '+15550001111' },
  externalId: 'x',
  direction: 'incoming',
  at: '2026-03-01T10:00:00.000Z',
  maxDurationSeconds: 3600,
  access: { ...NO_ACCESS_GRANTS, assigneeId: 'ana' },
  blocked: false,
});

describe('the call itself (API.md `call`)', () => {
  it('a new call rings, with nothing recorded and no transcript', () => {
    expect(isLive(call)).toBe(true);
    expect(viewOf(call)).toMatchObject({ status: 'ringing', assigneeId: 'ana', durationSeconds: 0, recording: { status: 'off' }, transcript: { available: false } });
  });

  it('events carry the call without the contact’s phone number (CAL-1 masking is per reader)', () => {
    expect(snapshotOf(call).contact).toEqual({ id: 'k', firstName: 'Kim', lastName: 'Lee' });
  });

  it('a change of the contact’s access or details is not announced as a change of the call; a status change is', () => {
    const reassigned = { ...call, access: { ...call.access, assigneeId: 'ben' }, contact: { ...call.contact, firstName: 'Kimberly' } };
    expect(announcedChanges(call, reassigned)).toEqual([]);
    expect(changedFields(call, reassigned)).toEqual(['contact', 'access']);
    expect(announcedChanges(call, { ...call, status: 'ongoing', answeredAt: call.startedAt })).toEqual(['status', 'answeredAt']);
  });

  it('a view shows what an event announced when every announced field matches, whatever the contact’s access or details', () => {
    const answered = { ...call, status: 'ongoing' as const, answeredAt: '2026-03-01T10:00:05.000Z' };
    expect(showsAnnounced(viewOf({ ...answered, access: { ...call.access, assigneeId: 'ben' } }), snapshotOf(answered))).toBe(true);
    expect(showsAnnounced(viewOf(call), snapshotOf(answered))).toBe(false);
    expect(showsAnnounced(viewOf({ ...answered, id: 'c2' }), snapshotOf(answered))).toBe(false);
  });

  it('talk time is whole seconds, never negative', () => {
    expect(secondsBetween('2026-03-01T10:00:00.000Z', '2026-03-01T10:01:00.400Z')).toBe(60);
    expect(secondsBetween('2026-03-01T10:00:00.000Z', '2026-03-01T09:59:00.000Z')).toBe(0);
  });
});
