import type { CallerScope, ThreadSnapshot } from '@omnibox/contracts';
import { listSeries, queryScopes, rowSeries, ScopeQuery } from './list-series';

const snapshot = (extra: Partial<ThreadSnapshot> = {}): ThreadSnapshot => ({
  contactId: 'c1',
  contact: { id: 'c1', firstName: 'Rita', lastName: null, blocked: false },
  status: 'open',
  previousStatus: null,
  snoozedUntil: null,
  snoozedAt: null,
  assigneeId: null,
  teamId: null,
  collaboratorIds: [],
  mentionedUntil: {},
  lastMessage: { id: 'm1', direction: 'incoming', at: '2026-11-20T10:00:00.000Z', preview: 'hi' },
  lastMessageAt: '2026-11-20T10:00:00.000Z',
  unreplied: true,
  lastIncomingAt: '2026-11-20T10:00:00.000Z',
  lastIncomingChannelId: 'ch',
  statusSince: '2026-11-19T08:00:00.000Z',
  incomingCount: 1,
  deleted: false,
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...extra,
});
const caller = (restriction: CallerScope['restriction'], extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w1', principalId: 'me', kind: 'user', role: 'agent', restriction, teamIds: ['t1'], teamMemberIds: ['me', 'mate'], canViewBlocked: true, ...extra,
});
const request = (extra: Partial<ScopeQuery> = {}): ScopeQuery => ({ view: { kind: 'all' }, memberIds: [], filter: null, ...extra });

describe('inbox list series (INB-1…4, FLT-3/4, VIS-2/3)', () => {
  it('a thread with no message yet, or deleted, is in no series: it is in no list', () => {
    expect(rowSeries('w1', snapshot({ lastMessage: null, lastMessageAt: null }))).toEqual([]);
    expect(rowSeries('w1', snapshot({ deleted: true }))).toEqual([]);
  });

  it('INB-4: a blocked contact’s series live apart, so only the blocked view reads them', () => {
    const series = rowSeries('w1', snapshot({ contact: { id: 'c1', firstName: 'R', lastName: null, blocked: true } })).map((k) => k.series);
    expect(series.every((key) => key.startsWith('w1/X'))).toBe(true);
    expect(rowSeries('w1', snapshot()).every((k) => k.series.startsWith('w1/V'))).toBe(true);
  });

  it('FLT-3/FLT-4 scores: the latest message for Newest/Oldest, the time in status for Longest/Shortest', () => {
    const entries = rowSeries('w1', snapshot());
    expect(entries.find((e) => e.series === 'w1/Vw|*|L')!.score).toBe(Date.parse('2026-11-20T10:00:00.000Z'));
    expect(entries.find((e) => e.series === 'w1/Vw|open|S')!.score).toBe(Date.parse('2026-11-19T08:00:00.000Z'));
  });

  it('series cover the status and All, per scope: workspace, assignee, team, team-unassigned, collaborators, mentions', () => {
    const keys = rowSeries('w1', snapshot({ teamId: 't1', collaboratorIds: ['cc'], mentionedUntil: { mm: '2026-11-21T00:00:00.000Z' } })).map((k) => k.series);
    expect(keys).toEqual(expect.arrayContaining(['w1/Vw|open|L', 'w1/Vw|*|L', 'w1/Vw|open|S', 'w1/Va:-|open|L', 'w1/Vt:t1|*|L', 'w1/Vtu:t1|open|L', 'w1/Vc:cc|*|L', 'w1/Vm:mm|*|L']));
    expect(keys).not.toContain('w1/Vw|*|S');
  });

  it('VIS-2/3 inside the query: a self agent reads only their own, collaborator and mention scopes', () => {
    expect(queryScopes(caller('self'), request())).toEqual(['a:me', 'c:me', 'm:me']);
    expect(queryScopes(caller('team'), request())).toEqual(['a:me', 'c:me', 'm:me', 't:t1', 'a:me', 'a:mate']);
    expect(queryScopes(caller('none'), request())).toEqual(['w']);
    expect(queryScopes(caller('none'), request({ view: { kind: 'team', teamId: 't1' }, memberIds: ['x', 'y'] }))).toEqual(['t:t1', 'a:x', 'a:y']);
    expect(queryScopes(caller('none'), request({ view: { kind: 'team_unassigned', teamId: 't1' } }))).toEqual(['tu:t1']);
    expect(queryScopes(caller('none'), request({ view: { kind: 'custom', customId: 'v' }, filter: { all: [{ field: 'assigneeId', op: 'eq', value: 'u9' }] } }))).toEqual(['a:u9']);
  });

  it('a list reads each series once, in its status and sort kind; the blocked view reads only blocked series', () => {
    expect(listSeries(caller('self'), { ...request({ view: { kind: 'mine' } }), status: 'open', sort: 'longest' })).toEqual(['w1/Va:me|open|S']);
    expect(listSeries(caller('none'), { ...request({ view: { kind: 'blocked' } }), status: 'all', sort: 'newest' })).toEqual(['w1/Xw|*|L']);
    expect(listSeries(caller('team'), { ...request(), status: 'all', sort: 'oldest' })).toEqual(['w1/Va:me|*|L', 'w1/Vc:me|*|L', 'w1/Vm:me|*|L', 'w1/Vt:t1|*|L', 'w1/Va:mate|*|L']);
  });
});
