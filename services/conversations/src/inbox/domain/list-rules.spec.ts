import type { CallerScope, ThreadSnapshot } from '@omnibox/contracts';
import { InboxRow, listRequestProblem, ListRequest, rowMatches } from './list-rules';

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


describe('inbox list rules (INB-1…4, FLT-1…6, VIS-2/3)', () => {
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
});
