import { decodeCursor, encodeCursor } from './cursors';

describe('search page cursors', () => {
  it('cursors round-trip and a forged one is refused', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 'm1']))).toEqual(['2026-01-01', 'm1']);
    expect(decodeCursor('not-a-cursor')).toBe('invalid');
    expect(decodeCursor('')).toBeUndefined();
  });
});
