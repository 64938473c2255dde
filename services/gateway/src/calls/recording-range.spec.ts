import { rangeOf } from './recording-range';

describe('recording byte ranges (CAL-5: play, seek, download)', () => {
  it('CAL-5: a range asks for part of the recording, to seek while playing', () => {
    expect(rangeOf('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(rangeOf('bytes=900-', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(rangeOf('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(rangeOf('bytes=990-5000', 1000)).toEqual({ kind: 'partial', start: 990, end: 999 });
  });

  it('no range, or several, answers the whole recording; a range outside it is unsatisfiable', () => {
    expect(rangeOf(undefined, 1000)).toEqual({ kind: 'whole' });
    expect(rangeOf('bytes=0-1,5-6', 1000)).toEqual({ kind: 'whole' });
    expect(rangeOf('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=5-2', 1000)).toEqual({ kind: 'unsatisfiable' });
  });
});
