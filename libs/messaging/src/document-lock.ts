import { randomUUID } from 'node:crypto';
import { RedisScript } from '@omnibox/platform';
import type Redis from 'ioredis';

/** Runs work on one document at a time (per key). */
export interface DocumentLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Runs tasks one at a time per key within this process; tasks of different keys run side by side. */
export class KeyedLock implements DocumentLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);

/**
 * One writer per document across every replica, through a short Redis lease. MongoDB updates one
 * document atomically, but FerretDB applies a conditional update by reading the document and writing
 * it back whole, so two replicas updating one document at once can lose one update (seen with a
 * thread written by the ingress of one replica and the contact events of another). Within the
 * process, waiters queue locally first, so only one of them polls Redis.
 */
export class RedisDocumentLock implements DocumentLock {
  private readonly local = new KeyedLock();

  constructor(
    private readonly redis: Redis,
    /** Keeps the keys of different databases (and test runs sharing a Redis) apart. */
    private readonly namespace: string,
    private readonly leaseMs = 10_000,
    private readonly waitMs = 15_000,
  ) {}

  /**
   * Answers as soon as `task` is done: the lease is given back right after, while this process's next
   * waiter for the key still queues behind that release (so it does not find the lease taken). A
   * write's caller does not wait one more Redis round trip before announcing what it wrote.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.local
        .run(key, async () => {
          const lockKey = `doc-lock:${this.namespace}:${key}`;
          const token = randomUUID();
          const deadline = Date.now() + this.waitMs;
          let pause = 2;
          while ((await this.redis.set(lockKey, token, 'PX', this.leaseMs, 'NX')) !== 'OK') {
            if (Date.now() > deadline) throw new Error(`document ${key} stayed locked for ${this.waitMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
            pause = Math.min(pause * 2, 50);
          }
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          } finally {
            await RELEASE.run(this.redis, [lockKey], [token]).catch(() => undefined);
          }
        })
        .catch(reject);
    });
  }
}
