import { contentRange, parseRange } from './byte-range';

describe('Range on downloads (seeking in recordings and videos)', () => {
  it('one range: from-to, from to the end, or the last N bytes', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
  });

  it('a range that starts past the end cannot be served (416)', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(contentRange({ kind: 'unsatisfiable' }, 1000)).toBe('bytes */1000');
  });

  it('no header, another unit, several ranges or a backwards range get the whole file', () => {
    for (const header of [undefined, '', 'items=0-1', 'bytes=0-1,5-9', 'bytes=9-1', 'bytes=-', 'bytes=abc']) expect(parseRange(header, 1000)).toEqual({ kind: 'whole' });
    expect(contentRange({ kind: 'whole' }, 1000)).toBeUndefined();
  });

  it('a part names its bytes and the total', () => {
    expect(contentRange({ kind: 'part', start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
  });
});
