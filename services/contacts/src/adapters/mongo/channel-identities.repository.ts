import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { findByIds, insertOutcomes, InsertTarget, isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { ChannelIdentityRepository } from '../../application/ports';
import type { ChannelIdentity } from '../../domain/channel-identity';
import { CHANNEL_IDENTITY_MODEL, ChannelIdentityDocument, identityKey } from './channel-identities.schema';

const toIdentity = ({ _id, ...identity }: ChannelIdentityDocument): ChannelIdentity => identity;

/** `channel_identities` through its model. */
@Injectable()
export class MongoChannelIdentityRepository implements ChannelIdentityRepository {
  constructor(@InjectModel(CHANNEL_IDENTITY_MODEL) private readonly model: Model<ChannelIdentityDocument>) {}

  async find(workspaceId: string, channelId: string, externalId: string): Promise<ChannelIdentity | null> {
    const doc = await this.model.findById(identityKey(workspaceId, channelId, externalId)).lean<ChannelIdentityDocument>().exec();
    return doc ? toIdentity(doc) : null;
  }

  async claim(identity: ChannelIdentity): Promise<boolean> {
    try {
      await this.model.insertMany([{ _id: identityKey(identity.workspaceId, identity.channelId, identity.externalId), ...identity }]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async claimAll(identities: ChannelIdentity[]): Promise<boolean[]> {
    const docs = identities.map((identity) => ({ _id: identityKey(identity.workspaceId, identity.channelId, identity.externalId), ...identity }));
    const outcomes = await insertOutcomes(this.model as unknown as InsertTarget<ChannelIdentityDocument>, docs);
    return outcomes.map((outcome) => {
      if (outcome instanceof Error) throw outcome;
      return outcome === 'inserted';
    });
  }

  async findAll(workspaceId: string, pairs: Array<Pick<ChannelIdentity, 'channelId' | 'externalId'>>): Promise<ChannelIdentity[]> {
    const keys = pairs.map((pair) => identityKey(workspaceId, pair.channelId, pair.externalId));
    return (await findByIds<ChannelIdentityDocument>(this.model, keys)).map(toIdentity);
  }

  async ofContact(workspaceId: string, contactId: string): Promise<ChannelIdentity[]> {
    const docs = await this.model.find({ workspaceId, contactId }).sort({ createdAt: 1 }).lean<ChannelIdentityDocument[]>().exec();
    return docs.map(toIdentity);
  }

  async moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void> {
    await this.model.updateMany({ workspaceId, contactId: fromContactId }, { $set: { contactId: toContactId } }).exec();
  }

  async releaseAll(workspaceId: string, contactId: string): Promise<void> {
    await this.model.deleteMany({ workspaceId, contactId }).exec();
  }
}
