import { missedCallNotice } from './missed-call';

describe('missed call notices (CAL-5, NTF-1)', () => {
  it('NTF-1: a missed call is for the contact’s assignee', () => {
    expect(missedCallNotice({ status: 'missed' }, ['status', 'endedAt'], { assigneeId: 'ana', teamId: 'sales' })).toEqual({ kind: 'missed_call', userIds: ['ana'] });
  });

  it('NTF-1: for an unassigned contact, the members of the thread’s team; with neither, no one', () => {
    expect(missedCallNotice({ status: 'missed' }, ['status'], { assigneeId: null, teamId: 'sales' })).toEqual({ kind: 'missed_call', teamId: 'sales' });
    expect(missedCallNotice({ status: 'missed' }, ['status'], { assigneeId: null, teamId: null })).toBeNull();
  });

  it('only the change to missed notifies: not other changes of a missed call, nor calls that ended otherwise', () => {
    expect(missedCallNotice({ status: 'missed' }, ['recording'], { assigneeId: 'ana', teamId: null })).toBeNull();
    expect(missedCallNotice({ status: 'ended' }, ['status'], { assigneeId: 'ana', teamId: null })).toBeNull();
  });
});
