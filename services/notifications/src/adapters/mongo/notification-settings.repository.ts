import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { SettingsStore } from '../../application/ports';
import { NotificationSettings, settingsOf } from '../../domain/settings';
import { CacheVersions, VersionedCache } from '@omnibox/directory';
import { NOTIFICATION_SETTINGS_MODEL, NotificationSettingsDoc } from './notification-settings.schema';

/** What a user who changed nothing has (shared: read for every recipient of every event). */
const DEFAULTS = Object.freeze(settingsOf(null));

/**
 * Users' notification settings (`notification_settings`). Every event needs those of its recipients,
 * so each replica keeps a workspace's settings in memory while their version in Redis holds.
 */
@Injectable()
export class MongoSettingsStore implements SettingsStore {
  private readonly cache: VersionedCache<Map<string, NotificationSettings>>;

  constructor(
    @InjectModel(NOTIFICATION_SETTINGS_MODEL) private readonly model: Model<NotificationSettingsDoc>,
    versions: CacheVersions,
  ) {
    this.cache = new VersionedCache(versions, 'settings', (workspaceId) => this.load(workspaceId));
  }

  async of(workspaceId: string, userId: string): Promise<NotificationSettings> {
    return (await this.ofWorkspace(workspaceId))(userId);
  }

  async ofWorkspace(workspaceId: string): Promise<(userId: string) => NotificationSettings> {
    const stored = await this.cache.get(workspaceId);
    return (userId) => stored.get(userId) ?? DEFAULTS;
  }

  async save(workspaceId: string, userId: string, settings: NotificationSettings): Promise<void> {
    await this.model.replaceOne({ _id: userId }, { workspaceId, kinds: settings.kinds, pushWhenOnline: settings.pushWhenOnline, updatedAt: new Date().toISOString() }, { upsert: true }).exec();
    await this.cache.changed(workspaceId);
  }

  private async load(workspaceId: string): Promise<Map<string, NotificationSettings>> {
    const docs = await this.model.find({ workspaceId }).lean<NotificationSettingsDoc[]>().exec();
    return new Map(docs.map((doc) => [doc._id, settingsOf({ kinds: doc.kinds, pushWhenOnline: doc.pushWhenOnline })]));
  }
}
