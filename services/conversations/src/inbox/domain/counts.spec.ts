import { blockedCount, countBucketOf, openCount } from './counts';
import type { ThreadPlacement } from './inbox-views';

const thread = (extra: Partial<ThreadPlacement> = {}): ThreadPlacement => ({
  status: 'open', assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {}, blocked: false, deleted: false, listed: true, ...extra,
});
const members = (teamId: string): string[] => (({ sales: ['ana', 'ben'], support: ['ben', 'dee'] }) as Record<string, string[]>)[teamId] ?? [];

describe('open counts (INB-5)', () => {
  it('INB-5: open counts are sums of (team, assignee) buckets', () => {
    const buckets: Record<string, number> = {};
    const add = (t: ThreadPlacement) => {
      const bucket = countBucketOf(t);
      if (bucket) buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    };
    add(thread({ teamId: 'sales' }));
    add(thread({ assigneeId: 'ana' }));
    add(thread({ assigneeId: 'dee' }));
    add(thread({ assigneeId: 'zed' }));
    add(thread({ status: 'closed', assigneeId: 'ana' }));
    add(thread({ status: 'snoozed', assigneeId: 'ana' }));
    add(thread({ blocked: true }));
    add(thread({ listed: false }));
    expect(openCount({ kind: 'all' }, buckets, 'ana', members)).toBe(4);
    expect(openCount({ kind: 'mine' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'unassigned' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'team', teamId: 'sales' }, buckets, 'ana', members)).toBe(2);
    expect(openCount({ kind: 'team', teamId: 'support' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'team_unassigned', teamId: 'sales' }, buckets, 'ana', members)).toBe(1);
    expect(buckets.x).toBe(1);
    expect(blockedCount(buckets)).toBe(1);
  });

  it('a deleted thread is counted nowhere, not even as blocked', () => {
    expect(countBucketOf(thread({ deleted: true, blocked: true }))).toBe('');
  });
});
