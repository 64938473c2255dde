import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { Model, Types } from 'mongoose';
import type { ChannelRepository } from '../../application/ports';
import type { Channel } from '../../domain/channel';
import { CHANNEL_MODEL, ChannelDocument } from './channels.schema';

/** How long ingress trusts a channel it read: provider events come in bursts on the same channels. */
const BY_ID_MS = 10_000;
const BY_ID_ENTRIES = 10_000;
const UNKNOWN_ADDRESS_MS = 1000;
const CHANNEL_ID = /^[0-9a-f]{24}$/;

function toChannel(doc: ChannelDocument): Channel {
  return { id: doc._id, workspaceId: doc.workspaceId, type: doc.type, name: doc.name, config: doc.config, secret: doc.secret, credentials: doc.credentials ?? null, createdBy: doc.createdBy, createdAt: doc.createdAt };
}

/** Channels in MongoDB, with the per-replica copies ingress and the channel switcher read. */
@Injectable()
export class ChannelsRepository implements ChannelRepository {
  private readonly byIdCache = new Map<string, { channel: Channel | null; at: number }>();
  private readonly ofWorkspaceCache = new Map<string, { channels: Channel[]; at: number }>();
  private readonly byAddressCache = new Map<string, { channel: Channel | null; at: number }>();

  constructor(
    @InjectModel(CHANNEL_MODEL) private readonly model: Model<ChannelDocument>,
    private readonly outbox: Outbox,
  ) {}

  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(channel: Channel, events: EventEnvelope[]): Promise<void> {
    const { id, ...rest } = channel;
    await this.outbox.insert(this.model, { _id: id, ...rest }, events);
    this.ofWorkspaceCache.delete(channel.workspaceId);
    this.byIdCache.delete(channel.id);
    if (channel.config.address) this.byAddressCache.delete(channel.config.address);
  }

  async byId(id: string): Promise<Channel | null> {
    const cached = this.byIdCache.get(id);
    if (cached && Date.now() - cached.at < BY_ID_MS) return cached.channel;
    // Anything but an id we issued is answered without a read.
    const doc = CHANNEL_ID.test(id) ? await this.model.findById(id).lean<ChannelDocument>().exec() : null;
    if (this.byIdCache.size > BY_ID_ENTRIES) this.byIdCache.clear();
    const channel = doc && toChannel(doc);
    this.byIdCache.set(id, { channel, at: Date.now() });
    return channel;
  }

  async byAddress(address: string): Promise<Channel | null> {
    const cached = this.byAddressCache.get(address);
    // An unknown address is asked again soon: a channel just created on another replica receives mail at once.
    if (cached && Date.now() - cached.at < (cached.channel ? BY_ID_MS : UNKNOWN_ADDRESS_MS)) return cached.channel;
    const doc = await this.model.findOne({ 'config.address': address, type: 'email' }).lean<ChannelDocument>().exec();
    if (this.byAddressCache.size > BY_ID_ENTRIES) this.byAddressCache.clear();
    const channel = doc && toChannel(doc);
    this.byAddressCache.set(address, { channel, at: Date.now() });
    return channel;
  }

  async replaceSecret(id: string, secret: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { secret } }).exec();
    this.byIdCache.delete(id);
  }

  async ofWorkspace(workspaceId: string, maxAgeMs = 0): Promise<Channel[]> {
    const cached = this.ofWorkspaceCache.get(workspaceId);
    if (maxAgeMs > 0 && cached && Date.now() - cached.at < maxAgeMs) return cached.channels;
    const docs = await this.model.find({ workspaceId }).sort({ _id: 1 }).lean<ChannelDocument[]>().exec();
    const channels = docs.map(toChannel);
    this.ofWorkspaceCache.set(workspaceId, { channels, at: Date.now() });
    return channels;
  }
}
