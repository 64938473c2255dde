import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { REDIS, RedisHandle } from '@omnibox/platform';
import { CHANNEL_MODEL, ChannelDocument, ChannelModel } from './channels.schema';
import { CacheVersions, VersionedCache } from './versioned-cache';

const toSnapshot = (doc: ChannelDocument): ChannelSnapshot => ({ id: doc._id, type: doc.type, name: doc.name, config: doc.config, createdAt: doc.createdAt, ...(doc.credentials ? { credentials: doc.credentials } : {}) });
const fieldsOf = (workspaceId: string, channel: ChannelSnapshot) => ({ workspaceId, type: channel.type, name: channel.name, config: channel.config, createdAt: channel.createdAt, credentials: channel.credentials ?? null });

/** Channels this process stored already, so provider events (every one carries its channel) cost no write. */
const KNOWN_LIMIT = 10_000;

/**
 * A service's copy of the directory's channels (`channels` in its own database), for every service that
 * sends through a channel (conversations, calls): filled from `directory.channel.*` events and from the
 * channel snapshot each provider event carries.
 *
 * Read on every reply, delivery and read receipt (a FerretDB read each, issue #19) and changed almost
 * never: each replica keeps a workspace's channels in memory while their version in Redis holds, and
 * every write that changes them bumps it.
 */
@Injectable()
export class ChannelsReadModel {
  private readonly known = new Set<string>();
  private readonly workspaces: VersionedCache<ChannelSnapshot[]>;

  constructor(
    @InjectModel(CHANNEL_MODEL) private readonly model: ChannelModel,
    @Inject(REDIS) redis: RedisHandle,
  ) {
    // Versions per database: two services keep copies of their own.
    this.workspaces = new VersionedCache(new CacheVersions(redis, `directory:channels:${model.db.name}`), 'channels', (workspaceId) => this.load(workspaceId));
  }

  /** In the order they were created. */
  list(workspaceId: string): Promise<ChannelSnapshot[]> {
    return this.workspaces.get(workspaceId);
  }

  async find(workspaceId: string, channelId: string): Promise<ChannelSnapshot | null> {
    return (await this.list(workspaceId)).find((channel) => channel.id === channelId) ?? null;
  }

  /** A channel the directory announced: stored as announced. */
  async save(workspaceId: string, channel: ChannelSnapshot): Promise<void> {
    await this.model.updateOne({ _id: channel.id }, { $set: fieldsOf(workspaceId, channel) }, { upsert: true }).exec();
    await this.workspaces.changed(workspaceId);
    this.remember(channel.id);
  }

  /** A channel seen on a provider event: stored only while the directory's own event has not arrived. */
  async saveIfUnknown(workspaceId: string, channel: ChannelSnapshot): Promise<void> {
    if (this.known.has(channel.id)) return;
    const written = await this.model.updateOne({ _id: channel.id }, { $setOnInsert: fieldsOf(workspaceId, channel) }, { upsert: true }).exec();
    if (written.upsertedCount > 0) await this.workspaces.changed(workspaceId);
    this.remember(channel.id);
  }

  private async load(workspaceId: string): Promise<ChannelSnapshot[]> {
    // Channel ids are ObjectIds: by id is the order they were created in.
    const docs = await this.model.find({ workspaceId }).sort({ _id: 1 }).lean<ChannelDocument[]>().exec();
    return docs.map(toSnapshot);
  }

  private remember(channelId: string) {
    if (this.known.size >= KNOWN_LIMIT) this.known.clear();
    this.known.add(channelId);
  }
}
