import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { NewMessageDots } from '../../application/ports';
import type { Dot } from '../../domain/dots';

/** `conversations:inbox:dots:<ws>:<user>`: a user's dots, view → when it was lit (INB-6). */
const dotsKey = (workspaceId: string, userId: string) => `conversations:inbox:dots:${workspaceId}:${userId}`;

@Injectable()
export class RedisNewMessageDots implements NewMessageDots {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async light(workspaceId: string, dots: Dot[], at: string): Promise<string[]> {
    if (dots.length === 0) return [];
    const pipeline = this.handle.redis.pipeline();
    for (const dot of dots) pipeline.hset(dotsKey(workspaceId, dot.userId), dot.view, at);
    const answers = (await pipeline.exec()) ?? [];
    // HSET answers how many fields it added: 0 when the view's dot was lit already (its time moves on).
    return dots.filter((_dot, index) => {
      const [error, added] = answers[index] ?? [];
      if (error) throw error;
      return added === 1;
    }).map((dot) => dot.userId);
  }

  of(workspaceId: string, userId: string): Promise<Record<string, string>> {
    return this.handle.redis.hgetall(dotsKey(workspaceId, userId));
  }

  async clear(workspaceId: string, userId: string, view: string): Promise<boolean> {
    return (await this.handle.redis.hdel(dotsKey(workspaceId, userId), view)) === 1;
  }
}
