import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { MergeRepository } from '../../application/ports';
import type { MergeRecord } from '../../domain/merge';
import { toContact, toContactDocument } from './contacts.repository';
import { MERGE_MODEL, MergeDocument, mergeKey } from './merges.schema';

function toRecord(doc: MergeDocument): MergeRecord {
  const { workspaceId, sourceId, targetId, state, source, channels, startedAt, finishedAt } = doc;
  return { workspaceId, sourceId, targetId, state, source: toContact(source), channels, startedAt, ...(finishedAt ? { finishedAt } : {}) };
}

/** `merges` through its model. */
@Injectable()
export class MongoMergeRepository implements MergeRepository {
  constructor(@InjectModel(MERGE_MODEL) private readonly model: Model<MergeDocument>) {}

  async of(workspaceId: string, sourceId: string): Promise<MergeRecord | null> {
    const doc = await this.model.findById(mergeKey(workspaceId, sourceId)).lean<MergeDocument>().exec();
    return doc ? toRecord(doc) : null;
  }

  async start(record: MergeRecord): Promise<boolean> {
    try {
      await this.model.insertMany([{ ...record, _id: mergeKey(record.workspaceId, record.sourceId), source: toContactDocument(record.source) }]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async finish(workspaceId: string, sourceId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: mergeKey(workspaceId, sourceId) }, { $set: { state: 'done', finishedAt: at } }).exec();
  }
}
