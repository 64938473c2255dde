import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { CHANNEL_MODEL, ChannelDocument, ChannelModel } from './channels.schema';

const toSnapshot = (doc: ChannelDocument): ChannelSnapshot => ({ id: doc._id, type: doc.type, name: doc.name, config: doc.config, createdAt: doc.createdAt, ...(doc.credentials ? { credentials: doc.credentials } : {}) });
const fieldsOf = (workspaceId: string, channel: ChannelSnapshot) => ({ workspaceId, type: channel.type, name: channel.name, config: channel.config, createdAt: channel.createdAt, credentials: channel.credentials ?? null });

/** Channels this process stored already, so provider events (every one carries its channel) cost no write. */
const KNOWN_LIMIT = 10_000;

/**
 * A service's copy of the directory's channels (`channels` in its own database), for every service that
 * sends through a channel (conversations, calls): filled from `directory.channel.*` events and from the
 * channel snapshot each provider event carries.
 */
@Injectable()
export class ChannelsReadModel {
  private readonly known = new Set<string>();

  constructor(@InjectModel(CHANNEL_MODEL) private readonly model: ChannelModel) {}

  /** In the order they were created. */
  async list(workspaceId: string): Promise<ChannelSnapshot[]> {
    // Channel ids are ObjectIds: by id is the order they were created in.
    const docs = await this.model.find({ workspaceId }).sort({ _id: 1 }).lean<ChannelDocument[]>().exec();
    return docs.map(toSnapshot);
  }

  async find(workspaceId: string, channelId: string): Promise<ChannelSnapshot | null> {
    const doc = await this.model.findOne({ _id: channelId, workspaceId }).lean<ChannelDocument>().exec();
    return doc ? toSnapshot(doc) : null;
  }

  /** A channel the directory announced: stored as announced. */
  async save(workspaceId: string, channel: ChannelSnapshot): Promise<void> {
    await this.model.updateOne({ _id: channel.id }, { $set: fieldsOf(workspaceId, channel) }, { upsert: true }).exec();
    this.remember(channel.id);
  }

  /** A channel seen on a provider event: stored only while the directory's own event has not arrived. */
  async saveIfUnknown(workspaceId: string, channel: ChannelSnapshot): Promise<void> {
    if (this.known.has(channel.id)) return;
    await this.model.updateOne({ _id: channel.id }, { $setOnInsert: fieldsOf(workspaceId, channel) }, { upsert: true }).exec();
    this.remember(channel.id);
  }

  private remember(channelId: string) {
    if (this.known.size >= KNOWN_LIMIT) this.known.clear();
    this.known.add(channelId);
  }
}
