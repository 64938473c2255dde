import type { ThreadSnapshot } from '@omnibox/contracts';
import { afterCursor, compareRows, comparePositions, decodeCursor, encodeCursor, sortValue } from './list-order';

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

describe('inbox list order (FLT-3, FLT-4)', () => {
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

  it('index positions follow the list order: score, then contact id, reversed for Newest and Shortest', () => {
    const positions = [{ score: 2, id: 'a' }, { score: 1, id: 'b' }, { score: 1, id: 'a' }];
    expect([...positions].sort((x, y) => comparePositions(x, y, 'oldest'))).toEqual([{ score: 1, id: 'a' }, { score: 1, id: 'b' }, { score: 2, id: 'a' }]);
    expect([...positions].sort((x, y) => comparePositions(x, y, 'newest'))).toEqual([{ score: 2, id: 'a' }, { score: 1, id: 'b' }, { score: 1, id: 'a' }]);
  });
});
