import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';
import { realtimeChannel, realtimeLog, RealtimeMessage } from './realtime.messages';

/** Appends to the workspace's stream and publishes with the position it got, in one step. */
const APPEND_AND_PUBLISH = `
local seq = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'm', ARGV[1])
redis.call('PUBLISH', KEYS[2], seq .. '\\n' .. ARGV[1])
return seq
`;

/** How many frames per workspace a reconnecting client can catch up on. */
export const LOG_LENGTH = 5000;

@Injectable()
export class RealtimePublisher {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async publish(message: Omit<RealtimeMessage, 'seq'>): Promise<string> {
    return (await this.handle.redis.eval(APPEND_AND_PUBLISH, 2, realtimeLog(message.workspaceId), realtimeChannel(message.workspaceId), JSON.stringify({ ...message, publishedAt: new Date().toISOString() }), String(LOG_LENGTH))) as string;
  }
}
