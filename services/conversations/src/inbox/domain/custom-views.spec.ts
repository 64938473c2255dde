import type { CallerScope } from '@omnibox/contracts';
import { customViewGroups, CustomView, lastRefreshedAt, mayChangeCustomView, mayCreateCustomView, mayOpenCustomView, sharingOf } from './custom-views';

const user = (id: string, teamIds: string[] = [], kind: CallerScope['kind'] = 'user'): CallerScope => ({
  workspaceId: 'w', principalId: id, kind, role: 'agent', restriction: 'none', teamIds, teamMemberIds: [], canViewBlocked: true,
});
const view = (id: string, name: string, createdBy: string, sharing: Partial<CustomView['sharing']> = {}): CustomView => ({
  id, workspaceId: 'w', name, filter: { all: [] }, sharing: sharingOf(sharing), createdBy, createdAt: new Date(0), updatedAt: new Date(0), refreshedAt: { [createdBy]: '2026-01-01T00:00:00.000Z' },
});

describe('custom views (INB-3)', () => {
  it('INB-3: a custom view opens for its creator and those it is shared with', () => {
    const shared = { createdBy: 'ana', sharing: { teamIds: ['support'], userIds: ['zed'] } };
    expect(mayOpenCustomView(user('ana'), shared)).toBe(true);
    expect(mayOpenCustomView(user('zed'), shared)).toBe(true);
    expect(mayOpenCustomView(user('dee', ['support']), shared)).toBe(true);
    expect(mayOpenCustomView(user('ben', ['sales']), shared)).toBe(false);
    expect(mayOpenCustomView(user('ben'), { createdBy: 'ana', sharing: { everyone: true } })).toBe(true);
  });

  it('INB-3: listed in three groups (all visible, by me, shared with me by others), by name', () => {
    const views = [view('v3', 'Zeta', 'ana'), view('v1', 'Alpha', 'dee', { everyone: true }), view('v2', 'Hidden', 'dee')];
    const groups = customViewGroups(user('ana'), views);
    expect(groups.all.map((v) => v.id)).toEqual(['v1', 'v3']);
    expect(groups.byMe.map((v) => v.id)).toEqual(['v3']);
    expect(groups.byOthers.map((v) => v.id)).toEqual(['v1']);
  });

  it('INB-3: only the creator changes or deletes one; API tokens create none', () => {
    const mine = view('v1', 'Mine', 'ana', { everyone: true });
    expect(mayChangeCustomView(user('ana'), mine)).toBe(true);
    expect(mayChangeCustomView(user('dee'), mine)).toBe(false);
    expect(mayCreateCustomView(user('t1', [], 'api'))).toBe(false);
  });

  it('INB-8: each user has their own last refresh; sharing names each user and team once', () => {
    const mine = view('v1', 'Mine', 'ana');
    expect(lastRefreshedAt(mine, 'ana')).toBe('2026-01-01T00:00:00.000Z');
    expect(lastRefreshedAt(mine, 'dee')).toBeNull();
    expect(sharingOf({ userIds: ['a', 'a'], teamIds: ['t', 't'] })).toEqual({ everyone: false, userIds: ['a'], teamIds: ['t'] });
  });
});
