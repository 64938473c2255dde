import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { CustomViews, NewCustomView } from '../../application/ports';
import type { AdvancedFilter } from '../../domain/custom-filter';
import type { CustomView, CustomViewSharing } from '../../domain/custom-views';
import { CacheVersions, VersionedCache } from '@omnibox/directory';
import { CUSTOM_INBOX_MODEL, CustomInboxDoc } from './custom-inboxes.schema';

const viewOf = (doc: CustomInboxDoc): CustomView => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  name: doc.name,
  filter: doc.filter,
  sharing: doc.sharing,
  createdBy: doc.createdBy,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  refreshedAt: doc.refreshedAt ?? {},
});

/**
 * The custom views (`custom_inboxes`). Every sidebar lists the workspace's views, so each replica keeps
 * them in memory while their version in Redis holds (every write here bumps it): a sidebar costs no
 * MongoDB read, which pays for the gateway → service hop it gained when views moved here.
 */
@Injectable()
export class MongoCustomViews implements CustomViews {
  private readonly cache: VersionedCache<CustomView[]>;

  constructor(
    @InjectModel(CUSTOM_INBOX_MODEL) private readonly model: Model<CustomInboxDoc>,
    versions: CacheVersions,
  ) {
    this.cache = new VersionedCache(versions, 'custom-views', async (workspaceId) => (await this.model.find({ workspaceId }).lean<CustomInboxDoc[]>().exec()).map(viewOf));
  }

  async create(input: NewCustomView): Promise<CustomView> {
    const doc: CustomInboxDoc = {
      _id: new Types.ObjectId().toHexString(),
      workspaceId: input.workspaceId,
      name: input.name,
      filter: input.filter,
      sharing: input.sharing,
      createdBy: input.createdBy,
      createdAt: input.at,
      updatedAt: input.at,
      refreshedAt: { [input.createdBy]: input.at.toISOString() },
    };
    await this.model.insertMany([doc]);
    await this.cache.changed(input.workspaceId);
    return viewOf(doc);
  }

  async find(workspaceId: string, id: string): Promise<CustomView | null> {
    return (await this.cache.get(workspaceId)).find((view) => view.id === id) ?? null;
  }

  ofWorkspace(workspaceId: string): Promise<CustomView[]> {
    return this.cache.get(workspaceId);
  }

  async update(view: CustomView, changes: { name?: string; filter?: AdvancedFilter; sharing?: CustomViewSharing }, at: Date): Promise<CustomView> {
    const set = { ...changes, updatedAt: at };
    await this.model.updateOne({ _id: view.id, workspaceId: view.workspaceId }, { $set: set }).exec();
    await this.cache.changed(view.workspaceId);
    return { ...view, ...set };
  }

  async delete(view: CustomView): Promise<void> {
    await this.model.deleteOne({ _id: view.id, workspaceId: view.workspaceId }).exec();
    await this.cache.changed(view.workspaceId);
  }

  async markRefreshed(view: CustomView, userId: string, at: string): Promise<void> {
    await this.model.updateOne({ _id: view.id, workspaceId: view.workspaceId }, { $set: { [`refreshedAt.${userId}`]: at } }).exec();
    await this.cache.changed(view.workspaceId);
  }
}
