import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { PushLedger } from '../../application/ports';

const KEEP_MS = 7 * 24 * 3600_000;

// KEYS[1] the ledger entry; ARGV: request id, its time (ms), how long to keep it. Answers 1 when recorded
// (or already recorded and not yet done), 0 when a newer request of the topic is there or it is done.
const REQUEST = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if current then
  local at, id, state = string.match(current, '^(%d+)|([^|]+)|(%a+)$')
  if id == ARGV[1] then
    if state == 'done' then return 0 end
    return 1
  end
  if tonumber(at) > tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[1] .. '|pending', 'PX', ARGV[3])
return 1
`);

// Marks the request done, unless a newer one replaced it meanwhile.
const DONE = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local at, id = string.match(current, '^(%d+)|([^|]+)|')
if id ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], at .. '|' .. id .. '|done', 'KEEPTTL')
return 1
`);

/**
 * NTF-2: per subscription and thread (`Topic`), the latest push requested and whether it was sent (or
 * given up), so only the latest is sent, once. `notifications:push:<subscription>:<topic>` =
 * `<requested at ms>|<request id>|pending|done`, kept a week (longer than any retry).
 */
@Injectable()
export class RedisPushLedger implements PushLedger {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private key(subscriptionId: string, topic: string): string {
    return `notifications:push:${subscriptionId}:${topic}`;
  }

  async request(subscriptionId: string, topic: string, requestId: string, at: string): Promise<boolean> {
    return (await REQUEST.run(this.handle.redis, [this.key(subscriptionId, topic)], [requestId, Date.parse(at), KEEP_MS])) === 1;
  }

  async isDue(subscriptionId: string, topic: string, requestId: string): Promise<boolean> {
    const current = await this.handle.redis.get(this.key(subscriptionId, topic));
    return current?.endsWith(`|${requestId}|pending`) ?? false;
  }

  async done(subscriptionId: string, topic: string, requestId: string): Promise<void> {
    await DONE.run(this.handle.redis, [this.key(subscriptionId, topic)], [requestId]);
  }
}
