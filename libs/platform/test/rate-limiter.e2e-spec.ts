import { sharedEngineUrls, uniqueName } from '@omnibox/testing';
import Redis from 'ioredis';
import { RateLimiter } from '../src/rate-limit';

describe('rate limits in Redis (hold across replicas)', () => {
  let first: Redis;
  let second: Redis;
  const rule = { name: 'failed logins', limit: 3, windowMs: 1500 };

  beforeAll(() => {
    first = new Redis(sharedEngineUrls.REDIS_URL);
    second = new Redis(sharedEngineUrls.REDIS_URL);
  });
  afterAll(() => {
    first.disconnect();
    second.disconnect();
  });

  it('two replicas share one count: the hit past the limit is refused with the time until the window resets', async () => {
    const namespace = uniqueName('rl');
    const replicaA = new RateLimiter(first, namespace);
    const replicaB = new RateLimiter(second, namespace);
    const decisions = [await replicaA.hit(rule, 'ann@example.com'), await replicaB.hit(rule, 'ann@example.com'), await replicaA.hit(rule, 'ann@example.com'), await replicaB.hit(rule, 'ann@example.com')];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[3].retryAfterSeconds).toBeLessThanOrEqual(1.5);
    await expect(replicaB.enforce(rule, 'ann@example.com')).rejects.toMatchObject({ status: 429, details: { retryAfterSeconds: expect.any(Number) } });
    // Another key has its own count; the window ends and the key may try again.
    expect((await replicaA.hit(rule, 'bob@example.com')).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await replicaB.check(rule, 'ann@example.com')).allowed).toBe(true);
  });

  it('checking does not count; reset forgets', async () => {
    const limiter = new RateLimiter(first, uniqueName('rl'));
    for (let i = 0; i < 5; i++) expect((await limiter.check(rule, 'k')).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await limiter.hit(rule, 'k');
    await expect(limiter.assertUnder(rule, 'k')).rejects.toMatchObject({ status: 429 });
    await limiter.reset(rule, 'k');
    await expect(limiter.assertUnder(rule, 'k')).resolves.toBeUndefined();
  });
});
