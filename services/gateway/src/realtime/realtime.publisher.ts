import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import { realtimeChannel, realtimeLog, RealtimeMessage } from './realtime.messages';

/**
 * Appends frames to the workspace's stream and publishes each with the position it got, in one step.
 * ARGV: the stream's length, then the frames.
 */
const APPEND_AND_PUBLISH = new RedisScript(`
local seqs = {}
for i = 2, #ARGV do
  local seq = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[i])
  redis.call('PUBLISH', KEYS[2], seq .. '\\n' .. ARGV[i])
  seqs[#seqs + 1] = seq
end
return seqs
`);

/** How many frames per workspace a reconnecting client can catch up on. */
export const LOG_LENGTH = 5000;

@Injectable()
export class RealtimePublisher {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async publish(message: Omit<RealtimeMessage, 'seq'>): Promise<string> {
    return (await this.publishAll([message]))[0];
  }

  /** Publishes frames of one workspace in one round trip, in order. */
  async publishAll(messages: Array<Omit<RealtimeMessage, 'seq'>>): Promise<string[]> {
    if (messages.length === 0) return [];
    const workspaceId = messages[0].workspaceId;
    if (messages.some((message) => message.workspaceId !== workspaceId)) throw new Error('publishAll takes the frames of one workspace');
    const publishedAt = new Date().toISOString();
    const frames = messages.map((message) => JSON.stringify({ ...message, publishedAt }));
    return (await APPEND_AND_PUBLISH.run(this.handle.redis, [realtimeLog(workspaceId), realtimeChannel(workspaceId)], [String(LOG_LENGTH), ...frames])) as string[];
  }
}
