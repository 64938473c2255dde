import { comparePositions, decodeCursor, encodeCursor } from './call-log-order';

describe('the call log order and cursor', () => {
  it('lists newest first, equal times by id, one stable order', () => {
    const positions = [{ score: 1, id: 'a' }, { score: 3, id: 'a' }, { score: 3, id: 'b' }, { score: 2, id: 'z' }];
    expect([...positions].sort(comparePositions)).toEqual([{ score: 3, id: 'b' }, { score: 3, id: 'a' }, { score: 2, id: 'z' }, { score: 1, id: 'a' }]);
  });

  it('a cursor names the last call listed; anything else is refused', () => {
    expect(decodeCursor(encodeCursor({ score: 1767225600000, id: 'c0ffee' }))).toEqual({ score: 1767225600000, id: 'c0ffee' });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('12|a b').toString('base64url'))).toBeNull();
  });
});
