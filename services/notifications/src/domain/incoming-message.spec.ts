import { incomingMessageNotice } from './incoming-message';

const thread = (extra: { assigneeId?: string | null; teamId?: string | null; blocked?: boolean } = {}) => ({
  assigneeId: extra.assigneeId ?? null,
  teamId: extra.teamId ?? null,
  contact: { id: 'c', firstName: 'Carla', lastName: null, blocked: extra.blocked ?? false },
  deleted: false,
});
const incoming = { direction: 'incoming' as const, suppressed: false };

describe('incoming message notices (CNV-4, NTF-1)', () => {
  it('CNV-4: an incoming message on a team’s inbox that nobody owns is for the team (team_message)', () => {
    expect(incomingMessageNotice(incoming, thread({ teamId: 'sales' }))).toEqual({ kind: 'team_message', teamId: 'sales' });
  });

  it('NTF-1: once someone owns the thread, it is a new_message for the owner only', () => {
    expect(incomingMessageNotice(incoming, thread({ teamId: 'sales', assigneeId: 'ana' }))).toEqual({ kind: 'new_message', userIds: ['ana'] });
  });

  it('CNV-8: a blocked contact’s message, an outgoing message or one on an unassigned thread outside any team is for no one', () => {
    expect(incomingMessageNotice(incoming, thread({ teamId: 'sales', blocked: true }))).toBeNull();
    expect(incomingMessageNotice({ direction: 'incoming', suppressed: true }, thread({ teamId: 'sales' }))).toBeNull();
    expect(incomingMessageNotice({ direction: 'outgoing', suppressed: false }, thread({ assigneeId: 'ana' }))).toBeNull();
    expect(incomingMessageNotice(incoming, thread())).toBeNull();
  });
});
