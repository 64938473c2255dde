import type { CallerScope, ThreadSnapshot } from '@omnibox/contracts';
import { afterCursor, compareRows, decodeCursor, encodeCursor, InboxRow, listRequestProblem, ListRequest, queryScopes, rowMatches, rowSeries, sortValue } from './inbox-list';

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
const request = (extra: Partial<ListRequest> = {}): ListRequest => ({ view: { kind: 'all' }, memberIds: [], status: 'all', sort: 'newest', unreplied: false, filter: null, ...extra });
const row = (thread: ThreadSnapshot, attrs: InboxRow['attrs'] = null): InboxRow => ({ workspaceId: 'w1', thread, attrs });

describe('inbox lists (INB-1…4, FLT-1…6)', () => {
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

  it('every row is checked against view, visibility, status and filters', () => {
    const self = caller('self');
    expect(rowMatches(self, request({ view: { kind: 'mine' } }), row(snapshot({ assigneeId: 'me' })))).toBe(true);
    expect(rowMatches(self, request({ view: { kind: 'mine' } }), row(snapshot({ assigneeId: 'other' })))).toBe(false);
    const none = caller('none');
    expect(rowMatches(none, request({ status: 'open' }), row(snapshot({ status: 'snoozed' })))).toBe(false);
    expect(rowMatches(none, request({ status: 'snoozed' }), row(snapshot({ status: 'snoozed' })))).toBe(true);
    expect(rowMatches(none, request({ unreplied: true }), row(snapshot({ unreplied: false })))).toBe(false);
    const vip = { tags: ['VIP'], language: 'en', countryCode: 'ID', customFields: { plan: 'pro' } };
    const filter = { all: [{ field: 'tag', op: 'eq' as const, value: 'vip' }, { field: 'customFields.plan', op: 'in' as const, value: ['pro', 'max'] }] };
    expect(rowMatches(none, request({ view: { kind: 'custom', customId: 'v' }, filter }), row(snapshot(), vip))).toBe(true);
    expect(rowMatches(none, request({ view: { kind: 'custom', customId: 'v' }, filter }), row(snapshot(), { ...vip, tags: [] }))).toBe(false);
    expect(rowMatches(none, request(), { ...row(snapshot()), workspaceId: 'other' })).toBe(false);
  });

  it('FLT-4: longest/shortest with status All is refused naming sort; the blocked view is fixed to All', () => {
    expect(listRequestProblem({ status: 'all', sort: 'longest', view: { kind: 'all' } })?.field).toBe('sort');
    expect(listRequestProblem({ status: 'open', sort: 'shortest', view: { kind: 'all' } })).toBeNull();
    expect(listRequestProblem({ status: 'open', sort: 'newest', view: { kind: 'blocked' } })?.field).toBe('status');
    expect(listRequestProblem({ status: 'later', sort: 'newest', view: { kind: 'all' } })?.field).toBe('status');
  });

  it('FLT-3/FLT-4 order: by time then id; threads with no data first under Longest, last under Shortest', () => {
    const rows = [
      { value: sortValue(snapshot({ statusSince: '' }), 'longest'), id: 'a' },
      { value: '2026-11-01T00:00:00.000Z', id: 'b' },
      { value: '2026-11-01T00:00:00.000Z', id: 'c' },
      { value: '2026-11-05T00:00:00.000Z', id: 'd' },
    ];
    expect([...rows].sort((x, y) => compareRows(x, y, 'longest')).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect([...rows].sort((x, y) => compareRows(x, y, 'shortest')).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('keyset cursor: a page starts strictly after the last row of the one before', () => {
    const cursor = decodeCursor(encodeCursor({ value: '2026-11-01T00:00:00.000Z', id: 'c' }))!;
    expect(cursor).toEqual({ value: '2026-11-01T00:00:00.000Z', id: 'c' });
    expect(afterCursor({ value: '2026-11-01T00:00:00.000Z', id: 'b' }, cursor, 'newest')).toBe(true);
    expect(afterCursor({ value: '2026-11-01T00:00:00.000Z', id: 'c' }, cursor, 'newest')).toBe(false);
    expect(afterCursor({ value: '2026-11-02T00:00:00.000Z', id: 'a' }, cursor, 'newest')).toBe(false);
    expect(decodeCursor('not a cursor!')).toBeNull();
  });
});
