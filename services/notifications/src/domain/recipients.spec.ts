import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { workspaceDirectoryOf } from '@omnibox/directory';
import { maySee, membersOf, recipients, ThreadFacts } from './recipients';

const directory = workspaceDirectoryOf(
  'w',
  [
    { id: 'olivia', name: 'Olivia', role: 'owner', restriction: 'none', canViewBlocked: true },
    { id: 'ana', name: 'Ana', role: 'agent', restriction: 'none', canViewBlocked: true },
    { id: 'ben', name: 'Ben', role: 'agent', restriction: 'team', canViewBlocked: true },
    { id: 'cid', name: 'Cid', role: 'agent', restriction: 'self', canViewBlocked: true },
    { id: 'zed', name: 'Zed', role: 'agent', restriction: 'none', canViewBlocked: false },
  ],
  [{ id: 'sales', name: 'Sales', memberIds: ['ana', 'ben', 'cid'] }],
);
const at = new Date('2026-01-01T12:00:00Z');
const thread = (access: Partial<ThreadFacts['access']>, blocked = false): ThreadFacts => ({ access: { ...NO_ACCESS_GRANTS, ...access }, blocked });

describe('who is notified (NTF-3, VIS-4)', () => {
  it('NTF-3: nobody is notified of their own action', () => {
    expect(recipients(['ana', 'olivia'], { directory, thread: thread({ teamId: 'sales' }), actorId: 'ana', at })).toEqual(['olivia']);
  });

  it('NTF-3 / CNV-8: nothing notifies about a blocked contact, whoever may see blocked contacts', () => {
    expect(recipients(['olivia', 'ana'], { directory, thread: thread({ teamId: 'sales' }, true), actorId: null, at })).toEqual([]);
  });

  it('VIS-4: only users who may see the thread at that moment: a self agent only about threads assigned to them', () => {
    const teamInbox = thread({ teamId: 'sales' });
    expect(recipients(membersOf(directory, 'sales'), { directory, thread: teamInbox, actorId: null, at })).toEqual(['ana', 'ben']);
    expect(recipients(['cid'], { directory, thread: thread({ assigneeId: 'cid', teamId: 'sales' }), actorId: null, at })).toEqual(['cid']);
  });

  it('VIS-3: a mention grants sight until it expires; a user the directory does not know is not notified', () => {
    expect(recipients(['cid'], { directory, thread: thread({ mentionedUntil: { cid: '2026-01-02T00:00:00Z' } }), actorId: null, at })).toEqual(['cid']);
    expect(recipients(['cid'], { directory, thread: thread({ mentionedUntil: { cid: '2026-01-01T00:00:00Z' } }), actorId: null, at })).toEqual([]);
    expect(recipients(['stranger', 'ana', 'ana'], { directory, thread: thread({}), actorId: null, at })).toEqual(['ana']);
  });

  it('INB-4: a blocked contact’s thread is shown only to users who may see blocked contacts', () => {
    expect(maySee(directory.user('zed')!, thread({}, true), at)).toBe(false);
    expect(maySee(directory.user('ana')!, thread({}, true), at)).toBe(true);
    expect(maySee(directory.user('zed')!, thread({}), at)).toBe(true);
  });
});
