import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { CallView, newCall, viewOf } from './call';
import { callActivity, groupByDate, localDate, permissionActivity } from './activity';

const call = (id: string, at: string, extra: Partial<CallView> = {}): CallView => ({
  ...viewOf(newCall({ id, workspaceId: 'w', channel: { id: 'ch', type: 'whatsapp' }, providerCallId: id, contact: { id: 'k', firstName: 'Kim', lastName: null, phone: null }, externalId: 'x', direction: 'incoming', at, maxDurationSeconds: 3600, access: NO_ACCESS_GRANTS, blocked: false })),
  ...extra,
});
const keepsNothing = { recording: false, transcripts: false };

describe('call activity per contact (CAL-5)', () => {
  it('CAL-5: each call is an incoming or outgoing call, missed, unanswered or ended at the maximum duration', () => {
    expect(callActivity(call('a', '2026-03-01T10:00:00.000Z', { status: 'ended', endReason: 'completed', answeredAt: '2026-03-01T10:00:05.000Z', durationSeconds: 30 }), keepsNothing)).toMatchObject({ type: 'incoming', durationSeconds: 30 });
    expect(callActivity(call('b', '2026-03-01T10:00:00.000Z', { status: 'missed', endReason: 'missed' }), keepsNothing)).toMatchObject({ type: 'missed', durationSeconds: null });
    expect(callActivity(call('c', '2026-03-01T10:00:00.000Z', { direction: 'outgoing', status: 'ended', endReason: 'unanswered' }), keepsNothing).type).toBe('unanswered');
    expect(callActivity(call('d', '2026-03-01T10:00:00.000Z', { status: 'ended', endReason: 'max_duration' }), keepsNothing).type).toBe('max_duration');
    expect(callActivity(call('e', '2026-03-01T10:00:00.000Z', { direction: 'outgoing' }), keepsNothing)).toMatchObject({ type: 'outgoing', live: true });
  });

  it('CAL-5: recording and transcript show only while the workspace keeps them', () => {
    expect(callActivity(call('a', '2026-03-01T10:00:00.000Z'), keepsNothing)).toMatchObject({ recording: null, transcript: null });
    expect(callActivity(call('a', '2026-03-01T10:00:00.000Z'), { recording: true, transcripts: true })).toMatchObject({ recording: { status: 'off' }, transcript: { available: false } });
  });

  it('CAL-5: permission requests show once the contact accepted or rejected them', () => {
    const permission = { id: 'p', workspaceId: 'w', channelId: 'ch', contactId: 'k', providerRequestId: null, requestedAt: '2026-03-01T09:00:00.000Z', appliedEventIds: [] };
    expect(permissionActivity({ ...permission, status: 'requested', answeredAt: null })).toBeNull();
    expect(permissionActivity({ ...permission, status: 'accepted', answeredAt: '2026-03-01T09:05:00.000Z' })).toMatchObject({ type: 'permission_accepted', at: '2026-03-01T09:05:00.000Z' });
  });

  it('CAL-5: grouped by the day in the workspace’s time zone, newest day first, ongoing calls first within a day', () => {
    const items = [
      callActivity(call('old', '2026-03-01T20:00:00.000Z', { status: 'ended', endReason: 'completed' }), keepsNothing),
      callActivity(call('late', '2026-03-02T09:00:00.000Z', { status: 'missed', endReason: 'missed' }), keepsNothing),
      callActivity(call('live', '2026-03-02T08:00:00.000Z', { status: 'ongoing' }), keepsNothing),
    ];
    expect(groupByDate(items, 'UTC').map((group) => [group.date, group.items.map((item) => item.id)])).toEqual([
      ['2026-03-02', ['live', 'late']],
      ['2026-03-01', ['old']],
    ]);
    // 20:00 UTC on the 1st is already the 2nd in Jakarta (UTC+7).
    expect(localDate('2026-03-01T20:00:00.000Z', 'Asia/Jakarta')).toBe('2026-03-02');
    expect(localDate('0264-11-08T10:00:00.000Z', 'UTC')).toBe('0264-11-08');
    expect(groupByDate(items, 'Asia/Jakarta').map((group) => group.items.map((item) => item.id))).toEqual([['live', 'late', 'old']]);
  });
});
