import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { dependencyUnavailable, REDIS, RedisHandle } from '@omnibox/platform';
import type { FirstRequest } from '../../domain/idempotency';

const KEEP_SECONDS = 24 * 3600;

/** Keys and first answers in Redis for 24 h, per caller (`gw:idem:<workspace>:<principal>:<hash of key>`). */
@Injectable()
export class IdempotencyKeys {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private slot(caller: CallerScope, key: string): string {
    return `gw:idem:${caller.workspaceId}:${caller.principalId}:${createHash('sha256').update(key).digest('base64url')}`;
  }

  /** Takes the key for this request (answers undefined), or answers the first request that took it. */
  async claim(caller: CallerScope, key: string, fingerprint: string): Promise<FirstRequest | undefined> {
    const slot = this.slot(caller, key);
    try {
      for (;;) {
        const pending: FirstRequest = { state: 'pending', request: fingerprint };
        if (await this.handle.redis.set(slot, JSON.stringify(pending), 'EX', KEEP_SECONDS, 'NX')) return undefined;
        const raw = await this.handle.redis.get(slot);
        // Expired or forgotten in between: try to take it again.
        if (raw) return JSON.parse(raw) as FirstRequest;
      }
    } catch {
      // Without Redis the promise cannot be kept, so the write is not run at all.
      throw dependencyUnavailable('redis');
    }
  }

  /** Keeps the first answer; if Redis fails now, a retry runs the write again (as without a key). */
  async remember(caller: CallerScope, key: string, fingerprint: string, body: unknown): Promise<void> {
    const done: FirstRequest = { state: 'done', request: fingerprint, body };
    await this.handle.redis.set(this.slot(caller, key), JSON.stringify(done), 'EX', KEEP_SECONDS).catch(() => undefined);
  }

  /** A failed write is forgotten, so its retry runs again. */
  async forget(caller: CallerScope, key: string): Promise<void> {
    await this.handle.redis.del(this.slot(caller, key)).catch(() => undefined);
  }
}
