import { coalesce, detach, endsRun, TeamMessage } from './coalescing';

const message = (n: number, extra: Partial<TeamMessage> = {}): TeamMessage => ({
  eventId: `e${n}`,
  contactId: 'c1',
  workspaceId: 'w',
  teamId: 'sales',
  incomingCount: n,
  preview: `message ${n}`,
  at: `2026-01-01T10:0${n}:00.000Z`,
  ...extra,
});
const idFor = (eventId: string) => (userId: string) => `${eventId}:${userId}`;

describe('team_message coalescing (CNV-4, NTF-1)', () => {
  it('CNV-4: the first message on a team’s inbox creates one notification per member', () => {
    const first = coalesce(null, message(1), ['ana', 'ben'], idFor('e1'));
    expect(first.created).toEqual([
      { userId: 'ana', id: 'e1:ana', base: 0, since: '2026-01-01T10:01:00.000Z' },
      { userId: 'ben', id: 'e1:ben', base: 0, since: '2026-01-01T10:01:00.000Z' },
    ]);
    expect(first.run).toMatchObject({ head: { lastCount: 1, body: 'message 1' }, attached: { ana: { id: 'e1:ana', base: 0 } } });
  });

  it('NTF-1: each further message grows the same notification (count and latest message), one write for the whole team', () => {
    const first = coalesce(null, message(1), ['ana', 'ben'], idFor('e1'));
    const second = coalesce(first.run, message(2), ['ana', 'ben'], idFor('e2'));
    expect(second.created).toEqual([]);
    expect(second.grown.map(({ userId, id, base }) => ({ userId, id, base }))).toEqual([
      { userId: 'ana', id: 'e1:ana', base: 0 },
      { userId: 'ben', id: 'e1:ben', base: 0 },
    ]);
    expect(second.run!.head).toEqual({ lastCount: 2, body: 'message 2', updatedAt: '2026-01-01T10:02:00.000Z' });
  });

  it('NTF-3: a message handled twice is counted once, and the second time announces again what the first did', () => {
    const first = coalesce(null, message(1), ['ana'], idFor('e1'));
    const again = coalesce(first.run, message(1), ['ana'], idFor('e1'));
    expect(again.changed).toBe(false);
    expect(again.created).toMatchObject([{ userId: 'ana', id: 'e1:ana', base: 0 }]);
    const second = coalesce(first.run, message(2), ['ana'], idFor('e2'));
    // An older message arriving late changes nothing and announces nothing.
    expect(coalesce(second.run, message(1), ['ana'], idFor('e1'))).toMatchObject({ changed: false, latest: false, created: [], grown: [] });
  });

  it('a member who read theirs gets a new one with the next message; one no longer notified stops growing', () => {
    const first = coalesce(null, message(1), ['ana', 'ben'], idFor('e1'));
    const read = detach(first.run!, 'ana');
    const second = coalesce(read, message(2), ['ana'], idFor('e2'));
    expect(second.created).toMatchObject([{ userId: 'ana', id: 'e2:ana', base: 1 }]);
    expect(second.detached).toEqual([{ userId: 'ben', id: 'e1:ben' }]);
    expect(second.frozenAs).toEqual(first.run!.head);
    expect(Object.keys(second.run!.attached)).toEqual(['ana']);
  });

  it('CNV-4: the run ends when someone owns the thread or it leaves the team; a run of another team stops growing', () => {
    expect(endsRun({ teamId: 'sales' }, { assigneeId: 'ana', teamId: 'sales', blocked: false, deleted: false })).toBe(true);
    expect(endsRun({ teamId: 'sales' }, { assigneeId: null, teamId: 'support', blocked: false, deleted: false })).toBe(true);
    expect(endsRun({ teamId: 'sales' }, { assigneeId: null, teamId: 'sales', blocked: true, deleted: false })).toBe(true);
    expect(endsRun({ teamId: 'sales' }, { assigneeId: null, teamId: 'sales', blocked: false, deleted: false })).toBe(false);
    const sales = coalesce(null, message(1), ['ana'], idFor('e1'));
    const support = coalesce(sales.run, message(2, { teamId: 'support' }), ['dee'], idFor('e2'));
    expect(support.detached).toEqual([{ userId: 'ana', id: 'e1:ana' }]);
    expect(support.created).toMatchObject([{ userId: 'dee', id: 'e2:dee', base: 1 }]);
  });

  it('nobody to notify and no run: nothing is kept', () => {
    expect(coalesce(null, message(1), [], idFor('e1'))).toMatchObject({ run: null, changed: false });
  });
});
