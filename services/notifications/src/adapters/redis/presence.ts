import { Inject, Injectable } from '@nestjs/common';
import { presenceKey } from '@omnibox/contracts';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { Presence } from '../../application/ports';

/**
 * NTF-2: whether a user has an active realtime socket, as the gateway's realtime hub publishes it
 * (libs/contracts presence.ts): a socket counts while its time is still ahead.
 */
@Injectable()
export class RedisPresence implements Presence {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async isOnline(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.handle.redis.zcount(presenceKey(workspaceId, userId), Date.now(), '+inf')) > 0;
  }
}
