import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { DueSnooze, SnoozeSchedule } from '../../application/ports';
import type { ConversationsConfig } from '../../config';

const LEASE_MS = 30_000;
const CLAIM_BATCH = 100;

// Takes the due entries and pushes each one a lease into the future in one atomic step, so that of
// several replicas polling at once exactly one gets each entry; if that replica dies, the lease
// runs out and another one takes it.
const CLAIM = new RedisScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], member) end
return due`);

// Removes an entry only if nobody re-scheduled it after we claimed it.
const RELEASE = new RedisScript(`
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`);

/**
 * When each snoozed thread is due (CNV-7), shared by every replica in a Redis sorted set
 * (`conversations:snoozes:<database>`, member `<workspace>|<contact>`, score the due time). MongoDB
 * stays the source of truth: the set is refilled from the snoozed threads at start.
 */
@Injectable()
export class RedisSnoozeSchedule implements SnoozeSchedule {
  /** One schedule per database: deployments (or test runs) sharing a Redis never take each other's entries. */
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly handle: RedisHandle,
    @Inject(CONFIG) config: ConversationsConfig,
  ) {
    this.key = `conversations:snoozes:${config.MONGODB_DATABASE}`;
  }

  private member(workspaceId: string, contactId: string) {
    return `${workspaceId}|${contactId}`;
  }

  async schedule(workspaceId: string, contactId: string, until: Date): Promise<void> {
    await this.handle.redis.zadd(this.key, until.getTime(), this.member(workspaceId, contactId));
  }

  async restore(entries: Array<{ workspaceId: string; contactId: string; until: Date }>): Promise<void> {
    if (entries.length === 0) return;
    const args: Array<string | number> = [];
    for (const entry of entries) args.push(entry.until.getTime(), this.member(entry.workspaceId, entry.contactId));
    await this.handle.redis.zadd(this.key, 'NX', ...args);
  }

  async cancel(workspaceId: string, contactId: string): Promise<void> {
    await this.handle.redis.zrem(this.key, this.member(workspaceId, contactId));
  }

  async claimDue(): Promise<DueSnooze[]> {
    const now = Date.now();
    const lease = now + LEASE_MS;
    const due = (await CLAIM.run(this.handle.redis, [this.key], [now, lease, CLAIM_BATCH])) as string[];
    return due.map((member) => {
      const [workspaceId, contactId] = member.split('|');
      return { workspaceId, contactId, lease };
    });
  }

  async release(entry: DueSnooze): Promise<void> {
    await RELEASE.run(this.handle.redis, [this.key], [this.member(entry.workspaceId, entry.contactId), String(entry.lease)]);
  }

  /** When the entry is due again (the thread was snoozed anew after the claim). */
  async reschedule(entry: DueSnooze, until: Date): Promise<void> {
    await this.schedule(entry.workspaceId, entry.contactId, until);
  }
}
