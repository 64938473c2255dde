import { currentGrantKeys, mentionGrantKeys, storedAccess } from './access';

describe('who may see a document, as stored (VIS-3)', () => {
  it('VIS-3: mentions are stored as a list and as grant keys, so expiry is checked at query time', () => {
    expect(storedAccess({ assigneeId: 'u1', teamId: null, collaboratorIds: ['b', 'a'], mentionedUntil: { z: '2026-01-02T00:00:00Z' } })).toMatchObject({
      assigneeId: 'u1', teamId: null, collaboratorIds: ['a', 'b'], mentions: [{ userId: 'z', until: '2026-01-02T00:00:00Z' }],
    });
  });
  it('VIS-3: a mention lets the user in for its 24 hours and not a minute after', () => {
    const keys = new Set(mentionGrantKeys([{ userId: 'z', until: '2026-01-02T10:30:20Z' }]));
    const inAt = (iso: string) => currentGrantKeys('z', new Date(iso)).some((key) => keys.has(key));
    expect(inAt('2026-01-01T10:31:00Z')).toBe(true);
    expect(inAt('2026-01-01T23:59:59Z')).toBe(true);
    expect(inAt('2026-01-02T10:05:00Z')).toBe(true);
    expect(inAt('2026-01-02T10:29:59Z')).toBe(true);
    expect(inAt('2026-01-02T10:30:30Z')).toBe(false);
    expect(inAt('2026-01-02T11:00:00Z')).toBe(false);
    expect(currentGrantKeys('y', new Date('2026-01-01T12:00:00Z')).some((key) => keys.has(key))).toBe(false);
  });
});
