import { CallerScope, NO_ACCESS_GRANTS, ThreadAccess } from '@omnibox/contracts';
import { newCall } from './call';
import { callTabsOf, listSeries, rowMatches, rowOf, rowSeries, statusGroupOf, tabQuery, viewQuery } from './call-log';

const user = (id: string, role: CallerScope['role'], restriction: CallerScope['restriction'], teamIds: string[] = [], teamMemberIds: string[] = []): CallerScope => ({
  workspaceId: 'w', principalId: id, kind: 'user', role, restriction, teamIds, teamMemberIds, canViewBlocked: true,
});
const api: CallerScope = { workspaceId: 'w', principalId: 'tok', kind: 'api', role: 'manager', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true };
const row = (access: Partial<ThreadAccess>, extra: { blocked?: boolean; status?: 'ringing' | 'rejected' } = {}) => {
  const call = newCall({ id: 'c1', workspaceId: 'w', channel: { id: 'ch', type: 'whatsapp' }, providerCallId: 'p', contact: { id: 'k', firstName: 'Kim', lastName: null, phone: null }, externalId: 'x', direction: 'incoming', at: '2026-03-01T10:00:00.000Z', maxDurationSeconds: 3600, access: { ...NO_ACCESS_GRANTS, ...access }, blocked: extra.blocked ?? false });
  return rowOf({ ...call, status: extra.status ?? 'ringing' });
};
const now = new Date('2026-03-01T12:00:00.000Z');
const members = (teamId: string) => (({ sales: ['ana', 'ben'] }) as Record<string, string[]>)[teamId] ?? [];
const listed = (caller: CallerScope, tab: 'all' | 'mine' | 'unassigned', r: ReturnType<typeof row>) => rowMatches(caller, tabQuery(caller, tab), null, r, now);

describe('call logs (CAL-1, CAL-4, VIS-1…4)', () => {
  it('CAL-1: owners, managers and none/team agents have the three tabs; self agents only Assigned to me; API tokens no "me"', () => {
    expect(callTabsOf(user('o', 'owner', 'none'))).toEqual(['all', 'mine', 'unassigned']);
    expect(callTabsOf(user('t', 'agent', 'team'))).toEqual(['all', 'mine', 'unassigned']);
    expect(callTabsOf(user('s', 'agent', 'self'))).toEqual(['mine']);
    expect(callTabsOf(api)).toEqual(['all', 'unassigned']);
  });

  it('CAL-1: a none agent sees every call; the tabs split them by assignment', () => {
    const ana = user('ana', 'agent', 'none');
    expect(listed(ana, 'all', row({ assigneeId: 'dee' }))).toBe(true);
    expect(listed(ana, 'mine', row({ assigneeId: 'ana' }))).toBe(true);
    expect(listed(ana, 'mine', row({ assigneeId: 'dee' }))).toBe(false);
    expect(listed(ana, 'unassigned', row({}))).toBe(true);
    expect(listed(ana, 'unassigned', row({ assigneeId: 'dee' }))).toBe(false);
  });

  it('CAL-1: a team agent sees their own and their team members’ contacts, and their teams’ unassigned ones', () => {
    const ben = user('ben', 'agent', 'team', ['sales'], ['ana', 'ben']);
    expect(listed(ben, 'all', row({ assigneeId: 'ana' }))).toBe(true);
    expect(listed(ben, 'all', row({ assigneeId: 'dee' }))).toBe(false);
    expect(listed(ben, 'unassigned', row({ teamId: 'sales' }))).toBe(true);
    expect(listed(ben, 'unassigned', row({}))).toBe(false);
    expect(tabQuery(ben, 'all').scopes).toEqual(['a:ben', 'c:ben', 'm:ben', 't:sales', 'a:ana']);
  });

  it('CAL-1: a self agent sees only their own contacts’ calls; collaborators see theirs too (VIS-3)', () => {
    const cid = user('cid', 'agent', 'self');
    expect(listed(cid, 'mine', row({ assigneeId: 'cid' }))).toBe(true);
    expect(listed(cid, 'all', row({ assigneeId: 'ana' }))).toBe(false);
    expect(listed(cid, 'all', row({ assigneeId: 'ana', collaboratorIds: ['cid'] }))).toBe(true);
  });

  it('VIS-4: a blocked contact’s calls are in no log; the status filter groups every call that is over without being missed under ended', () => {
    expect(rowSeries(row({}, { blocked: true }))).toEqual([]);
    expect(listed(user('o', 'owner', 'none'), 'all', row({}, { blocked: true }))).toBe(false);
    expect(statusGroupOf('rejected')).toBe('ended');
    expect(statusGroupOf('missed')).toBe('missed');
    const owner = user('o', 'owner', 'none');
    expect(rowMatches(owner, tabQuery(owner, 'all'), 'ended', row({}, { status: 'rejected' }), now)).toBe(true);
    expect(rowMatches(owner, tabQuery(owner, 'all'), 'ringing', row({}, { status: 'rejected' }), now)).toBe(false);
  });

  it('a call sits in the series of each of its scopes, in its status group and in all', () => {
    const series = rowSeries(row({ teamId: 'sales' })).map((entry) => entry.series);
    expect(series).toEqual(expect.arrayContaining(['w/w|ringing', 'w/w|*', 'w/a:-|*', 'w/t:sales|*', 'w/tu:sales|ringing']));
    const owner = user('o', 'owner', 'none');
    expect(listSeries(owner, tabQuery(owner, 'unassigned'), 'missed')).toEqual(['w/a:-|missed']);
  });

  it('CAL-4: a team view’s log holds calls of the team’s thread or of a member’s contacts, not of contacts assigned directly outside it', () => {
    const owner = user('o', 'owner', 'none');
    const team = viewQuery(owner, { kind: 'team', teamId: 'sales' }, members);
    expect(team.scopes).toEqual(['t:sales', 'a:ana', 'a:ben']);
    expect(rowMatches(owner, team, null, row({ teamId: 'sales' }), now)).toBe(true);
    expect(rowMatches(owner, team, null, row({ assigneeId: 'ana' }), now)).toBe(true);
    expect(rowMatches(owner, team, null, row({ assigneeId: 'dee' }), now)).toBe(false);
    const waiting = viewQuery(owner, { kind: 'team_unassigned', teamId: 'sales' }, members);
    expect(rowMatches(owner, waiting, null, row({ teamId: 'sales', assigneeId: 'ana' }), now)).toBe(false);
    expect(rowMatches(owner, waiting, null, row({ teamId: 'sales' }), now)).toBe(true);
  });
});
