import { mention } from './mentions';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});

describe('mentions (SRC-3, VIS-3)', () => {
  it('SRC-3: a mention grants 24 hours of access, and expired grants are dropped', () => {
    const state = mention(thread({ mentionedUntil: { old: at(-1) } }), ['sam'], 'ana', at(0));
    expect(state.mentionedUntil).toEqual({ sam: new Date(Date.parse(T0) + 24 * 3600_000).toISOString() });
  });

  it('SRC-3: mentioning oneself grants nothing and changes nothing', () => {
    const before = thread();
    expect(mention(before, ['ana'], 'ana', at(0))).toBe(before);
  });
});
