import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { RoundRobin } from '../../application/ports';

/** CNV-4 round-robin turns: one Redis counter per team (`INCR`), fair under concurrency and across replicas. */
@Injectable()
export class RedisRoundRobin implements RoundRobin {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  nextTurn(workspaceId: string, teamId: string): Promise<number> {
    return this.handle.redis.incr(`conversations:round-robin:${workspaceId}:${teamId}`);
  }
}
