import { Batcher } from './batcher';

describe('Batcher', () => {
  it('callers of the same moment share one call per key, and each gets its own answer', async () => {
    const calls: Array<[string, number[]]> = [];
    const batcher = new Batcher<number, number>(async (key, requests) => {
      calls.push([key, requests]);
      return requests.map((n) => n * 10);
    });
    const answers = await Promise.all([batcher.request('a', 1), batcher.request('b', 2), batcher.request('a', 3)]);
    expect(answers).toEqual([10, 20, 30]);
    expect(calls).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('a lone caller is sent at once; callers arriving while calls are out wait and leave together', async () => {
    const calls: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new Batcher<number, number>(
      async (_key, requests) => {
        calls.push(requests);
        if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return requests;
      },
      100,
      1,
    );
    const first = batcher.request('k', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[0]]);
    const later = [1, 2, 3].map((n) => batcher.request('k', n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3]);
    expect(calls).toEqual([[0], [1, 2, 3]]);
  });

  it('a batch is at most maxBatch requests', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(async (_key, requests) => (sizes.push(requests.length), requests), 2, 1);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.request('k', n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('a failed call fails every caller in its batch, and the next batch is still sent', async () => {
    let failNext = true;
    const batcher = new Batcher<number, number>(async (_key, requests) => {
      if (failNext) {
        failNext = false;
        throw new Error('unreachable');
      }
      return requests;
    });
    const failed = await Promise.allSettled([batcher.request('k', 1), batcher.request('k', 2)]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await batcher.request('k', 3)).toBe(3);
  });
});
