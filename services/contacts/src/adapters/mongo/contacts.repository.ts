import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope, ThreadAccess } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { findByIds, findOneById, isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { ContactMatch, ContactRepository } from '../../application/ports';
import type { Contact, ContactDetails, ContactEdit } from '../../domain/contact-details';
import { CONTACT_MODEL, ContactDocument } from './contacts.schema';

/** A live (not deleted, not merged away) contact of the workspace. */
const live = (workspaceId: string, id: string) => ({ _id: id, workspaceId, deletedAt: { $exists: false } });

export function toContact(doc: ContactDocument): Contact {
  const { _id, accessAt, deletedAt, mergedInto, ...stored } = doc;
  return {
    id: _id,
    workspaceId: stored.workspaceId,
    firstName: stored.firstName,
    lastName: stored.lastName ?? null,
    phone: stored.phone ?? null,
    email: stored.email ?? null,
    language: stored.language ?? null,
    countryCode: stored.countryCode ?? null,
    gender: stored.gender ?? null,
    tags: stored.tags ?? [],
    customFields: stored.customFields ?? {},
    blocked: stored.blocked,
    access: stored.access,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    ...(accessAt !== undefined && accessAt !== null ? { accessAt } : {}),
    ...(deletedAt ? { deletedAt } : {}),
    ...(mergedInto ? { mergedInto } : {}),
  };
}

export function toContactDocument(contact: Contact): ContactDocument {
  const { id, ...rest } = contact;
  return { _id: id, ...rest };
}

/** `contacts` through its model; every write that announces something carries its events (the outbox). */
@Injectable()
export class MongoContactRepository implements ContactRepository {
  constructor(
    @InjectModel(CONTACT_MODEL) private readonly model: Model<ContactDocument>,
    private readonly outbox: Outbox,
  ) {}

  async byId(id: string): Promise<Contact | null> {
    const doc = await findOneById<ContactDocument>(this.model, id);
    return doc ? toContact(doc) : null;
  }

  async byIds(ids: string[]): Promise<Contact[]> {
    return (await findByIds<ContactDocument>(this.model, ids)).map(toContact);
  }

  async live(workspaceId: string, id: string): Promise<Contact | null> {
    const { _id, ...filter } = live(workspaceId, id);
    const doc = await findOneById<ContactDocument>(this.model, _id, filter);
    return doc ? toContact(doc) : null;
  }

  async liveMatching(workspaceId: string, match: ContactMatch, limit: number): Promise<Contact[]> {
    const filter = 'id' in match ? { _id: match.id } : match;
    const docs = await this.model.find({ ...filter, workspaceId, deletedAt: { $exists: false } }).limit(limit).lean<ContactDocument[]>().exec();
    return docs.map(toContact);
  }

  async liveAmong(workspaceId: string, ids: string[]): Promise<Contact[]> {
    return (await findByIds<ContactDocument>(this.model, ids, { workspaceId, deletedAt: { $exists: false } })).map(toContact);
  }

  async sharingIdentity(workspaceId: string, exceptId: string, identity: Pick<Contact, 'phone' | 'email'>, limit: number): Promise<Contact[]> {
    const shared = [...(identity.phone ? [{ phone: identity.phone }] : []), ...(identity.email ? [{ email: identity.email }] : [])];
    if (shared.length === 0) return [];
    const docs = await this.model
      .find({ workspaceId, deletedAt: { $exists: false }, _id: { $ne: exceptId }, $or: shared })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<ContactDocument[]>()
      .exec();
    return docs.map(toContact);
  }

  insert(contact: Contact, events: EventEnvelope[]): Promise<void> {
    return this.outbox.insert(this.model, toContactDocument(contact), events);
  }

  async insertIfAbsent(contact: Contact, events: EventEnvelope[]): Promise<boolean> {
    try {
      await this.insert(contact, events);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async insertAllIfAbsent(entries: Array<{ contact: Contact; events: EventEnvelope[] }>): Promise<boolean[]> {
    const outcomes = await this.outbox.insertMany(this.model, entries.map(({ contact, events }) => ({ doc: toContactDocument(contact), events })));
    return outcomes.map((outcome) => outcome === 'inserted');
  }

  /** Custom fields are set and removed key by key, so an edit never rewrites the keys it does not name. */
  edit(workspaceId: string, id: string, edit: ContactEdit, at: Date, events: EventEnvelope[]): Promise<Contact | null> {
    const set: Record<string, unknown> = { ...edit.details, updatedAt: at };
    for (const [key, value] of Object.entries(edit.customFields.set)) set[`customFields.${key}`] = value;
    const unset = Object.fromEntries(edit.customFields.removed.map((key) => [`customFields.${key}`, '']));
    return this.write(live(workspaceId, id), { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, events);
  }

  replaceDetails(workspaceId: string, id: string, details: ContactDetails, at: Date, events: EventEnvelope[]): Promise<Contact | null> {
    return this.write(live(workspaceId, id), { $set: { ...details, updatedAt: at } }, events);
  }

  setBlocked(workspaceId: string, id: string, blocked: boolean, at: Date, events: EventEnvelope[]): Promise<Contact | null> {
    return this.write({ ...live(workspaceId, id), blocked: !blocked }, { $set: { blocked, updatedAt: at } }, events);
  }

  async markDeleted(workspaceId: string, id: string, at: Date, events: EventEnvelope[]): Promise<boolean> {
    return (await this.write(live(workspaceId, id), { $set: { deletedAt: at, updatedAt: at } }, events)) !== null;
  }

  async markMergedInto(workspaceId: string, id: string, targetId: string, at: Date): Promise<void> {
    await this.outbox.updateOneDocument(this.model, { _id: id, workspaceId }, { $set: { deletedAt: at, mergedInto: targetId } });
  }

  /**
   * Through the outbox's per-document lock: FerretDB rewrites the whole document on update, so this
   * must not interleave with the contact's other writes.
   */
  async applyAccess(workspaceId: string, id: string, access: ThreadAccess, at: string): Promise<void> {
    const olderOrNone = { $or: [{ accessAt: { $exists: false } }, { accessAt: { $lte: at } }] };
    await this.outbox.updateOneDocument(this.model, { _id: id, workspaceId, ...olderOrNone }, { $set: { access, accessAt: at } });
  }

  private async write(filter: Record<string, unknown>, update: { $set: Record<string, unknown>; $unset?: Record<string, unknown> }, events: EventEnvelope[]): Promise<Contact | null> {
    const doc = await this.outbox.update<ContactDocument>(this.model, filter, update, events);
    return doc ? toContact(doc) : null;
  }
}
