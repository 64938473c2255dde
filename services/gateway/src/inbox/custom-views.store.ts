import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AdvancedFilter, CustomViewSharing } from '@omnibox/contracts';
import { MONGO, MongoHandle } from '@omnibox/platform';
import { Collection } from 'mongodb';

/** A saved advanced filter (INB-3). */
export interface CustomViewDoc {
  _id: string;
  workspaceId: string;
  name: string;
  filter: AdvancedFilter;
  sharing: Required<CustomViewSharing>;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** userId → when that user last refreshed the view (INB-8: custom views are refreshed on request). */
  refreshedAt: Record<string, string>;
}

export const CUSTOM_VIEWS = 'custom_inboxes';

@Injectable()
export class CustomViewsStore implements OnModuleInit {
  readonly views: Collection<CustomViewDoc>;

  constructor(@Inject(MONGO) mongo: MongoHandle) {
    this.views = mongo.db.collection(CUSTOM_VIEWS);
  }

  async onModuleInit() {
    await this.views.createIndex({ workspaceId: 1 });
  }
}

export function customViewOf(doc: CustomViewDoc, userId: string) {
  return { id: doc._id, name: doc.name, filter: doc.filter, sharing: doc.sharing, createdBy: doc.createdBy, createdAt: doc.createdAt.toISOString(), lastRefreshedAt: doc.refreshedAt?.[userId] ?? null };
}
