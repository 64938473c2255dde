import { BoundedMap, BoundedSet } from './bounded';

describe('bounded per-replica memories', () => {
  it('a map past its limit forgets its oldest entry; setting a key again makes it the newest', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([...map.entries()]).toEqual([['a', 3], ['c', 4]]);
  });

  it('a set past its limit forgets its oldest value; adding a known value changes nothing', () => {
    const set = new BoundedSet<string>(2);
    set.add('a').add('b').add('a').add('c');
    expect([...set]).toEqual(['b', 'c']);
  });
});
