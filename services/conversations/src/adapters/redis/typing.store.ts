import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { Typing } from '../../application/ports';

/** How long an agent counts as typing after saying so (MSG-9); clients repeat it while typing. */
const TYPING_MS = 6000;

const typingKey = (contactId: string) => `conversations:typing:${contactId}`;

/**
 * MSG-9 in Redis: a hash per contact (`conversations:typing:<contactId>`, user → until when), and the
 * frames the realtime gateway pushes, on the Redis channel `conversations:realtime:<workspaceId>`.
 */
@Injectable()
export class RedisTyping implements Typing {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async set(contactId: string, userId: string, typing: boolean): Promise<void> {
    const redis = this.handle.redis;
    if (typing) await redis.multi().hset(typingKey(contactId), userId, String(Date.now() + TYPING_MS)).pexpire(typingKey(contactId), TYPING_MS).exec();
    else await redis.hdel(typingKey(contactId), userId);
  }

  async typingUsers(contactId: string): Promise<string[]> {
    const entries = await this.handle.redis.hgetall(typingKey(contactId)).catch(() => ({}) as Record<string, string>);
    const now = Date.now();
    return Object.entries(entries)
      .filter(([, until]) => Number(until) > now)
      .map(([userId]) => userId);
  }

  async announce(frame: { workspaceId: string; contactId: string; userId: string; typing: boolean; thread: ThreadSnapshot }): Promise<void> {
    await this.handle.redis.publish(`conversations:realtime:${frame.workspaceId}`, JSON.stringify({ type: 'typing', ...frame }));
  }
}
