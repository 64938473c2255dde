import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PRESENCE_TTL_MS, presenceKey } from '@omnibox/contracts';
import { getLogger, REDIS, RedisHandle } from '@omnibox/platform';

/** An open socket as presence counts it. */
export interface PresentSocket {
  workspaceId: string;
  userId: string;
  /** Unique across replicas. */
  id: string;
}

/**
 * Publishes which users have an open and active realtime socket (libs/contracts presence.ts), for the
 * notifications service (NTF-2: no push to a user who is online, unless pushWhenOnline). A socket
 * counts from when it opens, for PRESENCE_TTL_MS after each heartbeat it answers, until it closes.
 */
@Injectable()
export class RealtimePresence {
  private readonly replica = randomUUID();
  private next = 0;

  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  socket(workspaceId: string, userId: string): PresentSocket {
    return { workspaceId, userId, id: `${this.replica}:${++this.next}` };
  }

  /** The sockets are active now (opened, or answered a heartbeat). */
  async active(sockets: PresentSocket[]): Promise<void> {
    if (sockets.length === 0) return;
    const until = Date.now() + PRESENCE_TTL_MS;
    const pipeline = this.handle.redis.pipeline();
    for (const socket of sockets) {
      const key = presenceKey(socket.workspaceId, socket.userId);
      pipeline.zadd(key, until, socket.id).zremrangebyscore(key, '-inf', Date.now()).pexpire(key, PRESENCE_TTL_MS);
    }
    await this.run(pipeline);
  }

  async closed(socket: PresentSocket): Promise<void> {
    await this.run(this.handle.redis.pipeline().zrem(presenceKey(socket.workspaceId, socket.userId), socket.id));
  }

  /** Presence is a hint: when Redis does not answer, a user may get a push they did not need. */
  private async run(pipeline: ReturnType<RedisHandle['redis']['pipeline']>): Promise<void> {
    try {
      await pipeline.exec();
    } catch (error) {
      getLogger().warn({ err: error }, 'realtime presence not published');
    }
  }
}
