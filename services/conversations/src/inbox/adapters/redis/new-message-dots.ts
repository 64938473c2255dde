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
    // Separate commands rather than a pipeline of their own: auto-pipelining sends them in the write
    // that carries the other commands of this tick (a pipeline is a socket write per message).
    const added = await Promise.all(dots.map((dot) => this.handle.redis.hset(dotsKey(workspaceId, dot.userId), dot.view, at)));
    // HSET answers how many fields it added: 0 when the view's dot was lit already (its time moves on).
    return dots.filter((_dot, index) => added[index] === 1).map((dot) => dot.userId);
  }

  of(workspaceId: string, userId: string): Promise<Record<string, string>> {
    return this.handle.redis.hgetall(dotsKey(workspaceId, userId));
  }

  async clear(workspaceId: string, userId: string, view: string): Promise<boolean> {
    return (await this.handle.redis.hdel(dotsKey(workspaceId, userId), view)) === 1;
  }
}
