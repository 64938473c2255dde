import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { findByIds, isDuplicateKeyError } from '@omnibox/platform';
import { Model, Types } from 'mongoose';
import { Page, PageRequest, toPage } from '../../../common/pagination';
import { AlreadyTaken, UserRepository } from '../../application/ports';
import { endsSessions, User, UserChange } from '../../domain/user';
import { workspaceKeyset } from './keyset';
import { USER_MODEL, UserDocument } from './users.schema';

function toUser(doc: UserDocument): User {
  return {
    id: doc._id,
    workspaceId: doc.workspaceId,
    firstName: doc.firstName,
    lastName: doc.lastName,
    email: doc.email,
    role: doc.role,
    restriction: doc.restriction,
    canViewBlocked: doc.canViewBlocked,
    passwordHash: doc.passwordHash,
    tokenVersion: doc.tokenVersion,
  };
}

function toDocument(user: User): UserDocument {
  const { id, ...rest } = user;
  return { _id: id, ...rest };
}

@Injectable()
export class UsersRepository implements UserRepository {
  constructor(
    @InjectModel(USER_MODEL) private readonly model: Model<UserDocument>,
    private readonly outbox: Outbox,
  ) {}

  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(user: User, events: EventEnvelope[]): Promise<void> {
    try {
      await this.outbox.insert(this.model, toDocument(user), events);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AlreadyTaken('email');
      throw error;
    }
  }

  async byId(workspaceId: string, id: string): Promise<User | null> {
    const doc = await this.model.findOne({ _id: id, workspaceId }).lean<UserDocument>().exec();
    return doc && toUser(doc);
  }

  async byEmail(email: string): Promise<User | null> {
    const doc = await this.model.findOne({ email }).lean<UserDocument>().exec();
    return doc && toUser(doc);
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.model.exists({ email }).exec()) !== null;
  }

  countOwners(workspaceId: string): Promise<number> {
    return this.model.countDocuments({ workspaceId, role: 'owner' }).exec();
  }

  async update(workspaceId: string, id: string, change: UserChange, events: EventEnvelope[]): Promise<User | null> {
    const set = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const update = { $set: set, ...(endsSessions(change) ? { $inc: { tokenVersion: 1 } } : {}) };
    const updated = await this.outbox.update<UserDocument>(this.model, { _id: id, workspaceId }, update, events);
    return updated && toUser(updated);
  }

  async page(workspaceId: string, request: PageRequest): Promise<Page<User>> {
    const docs = await this.model.find(workspaceKeyset(workspaceId, request)).sort({ _id: 1 }).limit(request.limit + 1).lean<UserDocument[]>().exec();
    return toPage(docs.map(toUser), request.limit, (user) => user.id);
  }

  async all(workspaceId: string): Promise<User[]> {
    const docs = await this.model.find({ workspaceId }).sort({ _id: 1 }).lean<UserDocument[]>().exec();
    return docs.map(toUser);
  }

  async existing(workspaceId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const docs = await findByIds<Pick<UserDocument, '_id'>>(this.model, ids, { workspaceId }, { _id: 1 });
    return docs.map((doc) => doc._id);
  }
}
