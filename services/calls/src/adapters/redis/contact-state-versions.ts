import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';

const key = (contactId: string) => `calls:contact:v:${contactId}`;
/** A version outlives any copy kept of it (copies are dropped after a minute); an expired one is simply new. */
const TTL_SECONDS = 24 * 3600;

/**
 * A token per contact state in Redis, replaced after every write of the state (before anything that
 * follows the write, such as refreshing the contact's calls). Whoever read the token before reading the
 * state knows, by reading it again, whether the state was written since: one Redis round trip instead
 * of a FerretDB read per call event.
 */
@Injectable()
export class ContactStateVersions {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  /** The current token (one is set when there is none), to be read before the state it guards. */
  async current(contactId: string): Promise<string> {
    const answers = (await this.handle.redis.pipeline().set(key(contactId), randomUUID(), 'EX', TTL_SECONDS, 'NX').get(key(contactId)).exec()) ?? [];
    const [error, token] = answers[1] ?? [new Error('no answer from Redis'), null];
    if (error) throw error;
    return token as string;
  }

  /** Whether the state was written since `token` was read. */
  async changedSince(contactId: string, token: string): Promise<boolean> {
    return (await this.handle.redis.get(key(contactId))) !== token;
  }

  /** After a write of the contact's state. */
  async bump(contactId: string): Promise<void> {
    await this.handle.redis.set(key(contactId), randomUUID(), 'EX', TTL_SECONDS);
  }
}
