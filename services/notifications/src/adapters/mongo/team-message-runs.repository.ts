import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { RedisDocumentLock } from '@omnibox/messaging';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { TeamMessageRuns } from '../../application/ports';
import type { TeamMessageRun } from '../../domain/coalescing';
import type { RunHead } from '../../domain/notification';
import { TEAM_MESSAGE_RUN_MODEL, TeamMessageRunDoc } from './team-message-runs.schema';

/**
 * The open team_message runs (`team_message_runs`, one per thread). Changes of one run are serialised
 * across replicas by a short Redis lease (FerretDB rewrites a document whole on update, so two
 * replicas changing one run at once could lose a message).
 */
@Injectable()
export class MongoTeamMessageRuns implements TeamMessageRuns {
  private readonly lock: RedisDocumentLock;

  constructor(
    @InjectModel(TEAM_MESSAGE_RUN_MODEL) private readonly model: Model<TeamMessageRunDoc>,
    @Inject(REDIS) redis: RedisHandle,
  ) {
    this.lock = new RedisDocumentLock(redis.redis, `notifications:${model.db.name}`);
  }

  async find(contactId: string): Promise<TeamMessageRun | null> {
    const doc = await this.model.findById(contactId).lean<TeamMessageRunDoc>().exec();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { contactId: _id, ...rest };
  }

  async save(run: TeamMessageRun): Promise<void> {
    const { contactId, ...rest } = run;
    await this.model.replaceOne({ _id: contactId }, rest, { upsert: true }).exec();
  }

  async remove(contactId: string): Promise<void> {
    await this.model.deleteOne({ _id: contactId }).exec();
  }

  async heads(contactIds: string[]): Promise<Map<string, RunHead>> {
    const heads = new Map<string, RunHead>();
    // One read by _id each (a list of ids is not served by an index on FerretDB), a few at a time.
    for (let i = 0; i < contactIds.length; i += 16) {
      const docs = await Promise.all(contactIds.slice(i, i + 16).map((id) => this.model.findById(id, { head: 1 }).lean<Pick<TeamMessageRunDoc, '_id' | 'head'>>().exec()));
      for (const doc of docs) if (doc) heads.set(doc._id, doc.head);
    }
    return heads;
  }

  exclusive<T>(contactId: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(`team-message-run|${contactId}`, task);
  }
}
