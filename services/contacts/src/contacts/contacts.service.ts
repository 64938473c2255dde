import { Inject, Injectable } from '@nestjs/common';
import {
  CallerScope,
  canSeeThread,
  ChannelIdentityRef,
  ContactBlocked,
  ContactChannelAdded,
  ContactCreated,
  ContactDeleted,
  ContactMerged,
  ContactNoteAdded,
  ContactUnblocked,
  ContactUpdated,
  EventActor,
  EventDefinition,
  EventEnvelope,
  NO_ACCESS_GRANTS,
  seesWholeWorkspace,
} from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { AppError, conflict, currentCorrelationId, failpoint, forbidden, invalidInput, isDuplicateKeyError, notFound } from '@omnibox/platform';
import { ObjectId } from 'mongodb';
import { checkDefinition, checkValues, CustomFieldDefinition, isProblem } from '../domain/custom-fields';
import { mergeDetails, normaliseTags, OPTIONAL_DETAILS } from '../domain/contact-rules';
import { normaliseEmail, normalisePhone } from '../domain/identifiers';
import {
  COLLECTIONS,
  ContactDoc,
  ContactsStore,
  CustomFieldDoc,
  customFieldKey,
  identityKey,
  live,
  MergeDoc,
  mergeKey,
  NoteDoc,
  snapshotOf,
} from './contacts.store';

const newId = () => new ObjectId().toHexString();

/** Details as a client sends them (not yet normalised); absent means "not given". */
interface DetailInput {
  lastName?: string;
  phone?: string;
  email?: string;
  language?: string;
  countryCode?: string;
  gender?: string;
  tags?: string[];
  customFields?: Record<string, unknown>;
}

export interface NewContact extends DetailInput {
  firstName: string;
  assigneeId?: string;
  teamId?: string;
}

export interface ContactChanges extends DetailInput {
  firstName?: string;
  /** Optional details to clear. */
  clear?: string[];
}

export interface ChannelContact {
  channelId: string;
  channelType: string;
  externalId: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

function refuseProblem(problem: { field: string; message: string }): never {
  throw invalidInput(problem.field, problem.message);
}

function actorOf(caller: CallerScope): EventActor {
  return { kind: caller.kind, id: caller.principalId };
}

/** Contacts (CON-1…5): details, typed custom fields, channel identities, notes, block and merge. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly store: ContactsStore,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  private event<T>(definition: EventDefinition<T>, caller: CallerScope, aggregateId: string, data: T): EventEnvelope<T> {
    return definition.create({ workspaceId: caller.workspaceId, aggregateId, data, actor: actorOf(caller), correlationId: currentCorrelationId() });
  }

  /** A live contact the caller may see, or 404 (missing and invisible are never told apart, VIS-4). */
  async visibleContact(caller: CallerScope, id: string): Promise<ContactDoc> {
    // Read by _id alone (the cheapest lookup on every engine), then check workspace and liveness.
    const doc = await this.store.contacts.findOne({ _id: id });
    if (!doc || doc.workspaceId !== caller.workspaceId || doc.deletedAt || !canSeeThread(caller, doc.access)) throw notFound('Contact');
    return doc;
  }

  private async definitions(workspaceId: string): Promise<CustomFieldDefinition[]> {
    return this.store.customFields.find({ workspaceId }).toArray();
  }

  private phoneOrRefuse(raw: string, countryCode: string | null, field = 'phone'): string {
    return normalisePhone(raw, countryCode) ?? refuseProblem({ field, message: 'is not a phone number' });
  }

  private emailOrRefuse(raw: string, field = 'email'): string {
    return normaliseEmail(raw) ?? refuseProblem({ field, message: 'is not an e-mail address' });
  }

  /** CON-1. An agent who only sees their own threads gets the contact assigned to them when none is named. */
  async create(caller: CallerScope, input: NewContact): Promise<ContactDoc> {
    const countryCode = input.countryCode ? input.countryCode.toUpperCase() : null;
    let customFields = {};
    if (input.customFields && Object.keys(input.customFields).length > 0) {
      const checked = checkValues(await this.definitions(caller.workspaceId), input.customFields, countryCode);
      if (isProblem(checked)) refuseProblem(checked);
      customFields = checked.set;
    }
    const keepsSight = !seesWholeWorkspace(caller) && !input.assigneeId && !input.teamId;
    const now = new Date();
    const doc: ContactDoc = {
      _id: newId(),
      workspaceId: caller.workspaceId,
      firstName: input.firstName.trim(),
      lastName: input.lastName?.trim() || null,
      phone: input.phone ? this.phoneOrRefuse(input.phone, countryCode) : null,
      email: input.email ? this.emailOrRefuse(input.email) : null,
      language: input.language || null,
      countryCode,
      gender: input.gender || null,
      tags: normaliseTags(input.tags ?? []),
      customFields,
      blocked: false,
      access: { ...NO_ACCESS_GRANTS, assigneeId: input.assigneeId ?? (keepsSight ? caller.principalId : null), teamId: input.teamId ?? null },
      createdAt: now,
      updatedAt: now,
    };
    await this.outbox.insert(COLLECTIONS.contacts, doc, [this.event(ContactCreated, caller, doc._id, { contact: snapshotOf(doc) })]);
    return doc;
  }

  /** CON-2: edit details and custom fields; `clear` empties optional details. */
  async update(caller: CallerScope, id: string, changes: ContactChanges): Promise<ContactDoc> {
    const current = await this.visibleContact(caller, id);
    const set: Record<string, unknown> = {};
    const unset: Record<string, ''> = {};
    const changed = new Set<string>();
    for (const field of changes.clear ?? []) {
      if (!(OPTIONAL_DETAILS as readonly string[]).includes(field)) throw invalidInput(field, 'cannot be cleared');
      set[field] = null;
      changed.add(field);
    }
    const countryCode = changes.countryCode !== undefined ? changes.countryCode.toUpperCase() : changes.clear?.includes('countryCode') ? null : current.countryCode;
    if (changes.firstName !== undefined) set.firstName = changes.firstName.trim();
    if (changes.lastName !== undefined) set.lastName = changes.lastName.trim() || null;
    if (changes.phone !== undefined) set.phone = this.phoneOrRefuse(changes.phone, countryCode);
    if (changes.email !== undefined) set.email = this.emailOrRefuse(changes.email);
    if (changes.countryCode !== undefined) set.countryCode = countryCode;
    if (changes.language !== undefined) set.language = changes.language || null;
    if (changes.gender !== undefined) set.gender = changes.gender || null;
    if (changes.tags !== undefined) set.tags = normaliseTags(changes.tags);
    for (const key of Object.keys(set)) changed.add(key);
    if (changes.customFields && Object.keys(changes.customFields).length > 0) {
      const checked = checkValues(await this.definitions(caller.workspaceId), changes.customFields, countryCode);
      if (isProblem(checked)) refuseProblem(checked);
      for (const [key, value] of Object.entries(checked.set)) set[`customFields.${key}`] = value;
      for (const key of checked.removed) unset[`customFields.${key}`] = '';
      changed.add('customFields');
    }
    if (changed.size === 0) return current;
    set.updatedAt = new Date();
    const next = this.applied(current, set, unset);
    const updated = await this.outbox.update<ContactDoc>(
      COLLECTIONS.contacts,
      live(caller.workspaceId, id),
      { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
      [this.event(ContactUpdated, caller, id, { contact: snapshotOf(next), changed: [...changed] })],
    );
    if (!updated) throw notFound('Contact');
    return updated;
  }

  /** The document as the update will leave it, for the event (written in the same operation). */
  private applied(current: ContactDoc, set: Record<string, unknown>, unset: Record<string, ''>): ContactDoc {
    const next = { ...current, customFields: { ...current.customFields } } as ContactDoc & Record<string, unknown>;
    for (const [path, value] of Object.entries(set)) {
      if (path.startsWith('customFields.')) next.customFields[path.slice('customFields.'.length)] = value as never;
      else next[path] = value;
    }
    for (const path of Object.keys(unset)) delete next.customFields[path.slice('customFields.'.length)];
    return next;
  }

  /** Deleting a contact is an administrative act: owners and managers only. Its identities are freed. */
  async remove(caller: CallerScope, id: string): Promise<void> {
    if (caller.role === 'agent') throw forbidden('Only owners and managers can delete contacts');
    await this.visibleContact(caller, id);
    const now = new Date();
    const deleted = await this.outbox.update<ContactDoc>(COLLECTIONS.contacts, live(caller.workspaceId, id), { $set: { deletedAt: now, updatedAt: now } }, [
      this.event(ContactDeleted, caller, id, { contactId: id }),
    ]);
    if (!deleted) throw notFound('Contact');
    await this.store.identities.deleteMany({ workspaceId: caller.workspaceId, contactId: id });
  }

  /** Exact lookup for integrations: normalised phone, case-insensitive e-mail, or a channel identity. */
  async find(caller: CallerScope, query: { phone?: string; email?: string; channelId?: string; externalId?: string }): Promise<ContactDoc[]> {
    const given = ['phone', 'email', 'channelId'].filter((key) => query[key as keyof typeof query]);
    if (given.length !== 1) throw invalidInput('phone', 'give exactly one of phone, email, or channelId with externalId');
    let filter: Record<string, unknown>;
    if (query.phone) filter = { phone: this.phoneOrRefuse(query.phone, null) };
    else if (query.email) filter = { email: this.emailOrRefuse(query.email) };
    else {
      if (!query.externalId) throw invalidInput('externalId', 'is required with channelId');
      const identity = await this.store.identities.findOne({ _id: identityKey(caller.workspaceId, query.channelId!, query.externalId) });
      if (!identity) return [];
      filter = { _id: identity.contactId };
    }
    const docs = await this.store.contacts.find({ ...filter, workspaceId: caller.workspaceId, deletedAt: { $exists: false } }).limit(50).toArray();
    return docs.filter((doc) => canSeeThread(caller, doc.access));
  }

  /** CNV-8 / CON-4. Blocking twice is harmless and announced once. */
  async setBlocked(caller: CallerScope, id: string, blocked: boolean): Promise<ContactDoc> {
    const current = await this.visibleContact(caller, id);
    if (current.blocked === blocked) return current;
    const next: ContactDoc = { ...current, blocked, updatedAt: new Date() };
    const definition = blocked ? ContactBlocked : ContactUnblocked;
    const updated = await this.outbox.update<ContactDoc>(
      COLLECTIONS.contacts,
      { ...live(caller.workspaceId, id), blocked: !blocked },
      { $set: { blocked, updatedAt: next.updatedAt } },
      [this.event(definition, caller, id, { contact: snapshotOf(next) })],
    );
    // Someone else changed it in between: the contact is in the asked state either way.
    return updated ?? (await this.visibleContact(caller, id));
  }

  /** CON-3: visible contacts sharing this one's phone number or e-mail. */
  async mergeSuggestions(caller: CallerScope, id: string): Promise<ContactDoc[]> {
    const contact = await this.visibleContact(caller, id);
    const shared = [
      ...(contact.phone ? [{ phone: contact.phone }] : []),
      ...(contact.email ? [{ email: contact.email }] : []),
    ];
    if (shared.length === 0) return [];
    const docs = await this.store.contacts
      .find({ workspaceId: caller.workspaceId, deletedAt: { $exists: false }, _id: { $ne: id }, $or: shared })
      .sort({ createdAt: 1 })
      .limit(50)
      .toArray();
    return docs.filter((doc) => canSeeThread(caller, doc.access));
  }

  /**
   * CON-3: merge `sourceId` into `targetId`. Each step is idempotent and the merge's progress is
   * recorded first, so a merge cut short (crash, restart) completes when it is retried, and a retry of
   * a finished merge answers the kept contact again.
   */
  async merge(caller: CallerScope, targetId: string, sourceId: string): Promise<ContactDoc> {
    if (targetId === sourceId) throw invalidInput('sourceContactId', 'a contact cannot be merged into itself');
    const workspaceId = caller.workspaceId;
    const target = await this.visibleContact(caller, targetId);
    let record = await this.store.merges.findOne({ _id: mergeKey(workspaceId, sourceId) });
    if (record && record.targetId !== targetId) {
      if (record.state === 'done') throw notFound('Source contact');
      throw conflict('The source contact is already being merged into another contact; retry that merge', 'merge_in_progress', { targetId: record.targetId });
    }
    if (record?.state === 'done') return target;
    if (!record) {
      const source = await this.store.contacts.findOne(live(workspaceId, sourceId));
      if (!source || !canSeeThread(caller, source.access)) throw new AppError(404, 'not_found', 'Source contact was not found', { field: 'sourceContactId' });
      const channels = (await this.store.identities.find({ workspaceId, contactId: sourceId }).toArray()).map(({ channelId, type, externalId }) => ({ channelId, type, externalId }));
      const fresh: MergeDoc = { _id: mergeKey(workspaceId, sourceId), workspaceId, sourceId, targetId, state: 'started', source, channels, startedAt: new Date() };
      try {
        await this.store.merges.insertOne(fresh);
        record = fresh;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return this.merge(caller, targetId, sourceId); // a concurrent merge of the same pair began first
      }
    }
    failpoint('contacts.merge.after-record');
    await this.outbox.settled(); // no clean-up write of a just-added note may interleave with the move
    await this.store.identities.updateMany({ workspaceId, contactId: sourceId }, { $set: { contactId: targetId } });
    await this.store.notes.updateMany({ workspaceId, contactId: sourceId }, { $set: { contactId: targetId } });
    failpoint('contacts.merge.after-move');
    const kept = await this.completeMergeInto(caller, target, record);
    await this.outbox.update<ContactDoc>(COLLECTIONS.contacts, { _id: sourceId, workspaceId }, { $set: { deletedAt: new Date(), mergedInto: targetId } }, []);
    await this.store.merges.updateOne({ _id: record._id }, { $set: { state: 'done', finishedAt: new Date() } });
    return kept;
  }

  /** Writes the merged details into the kept contact with the merge event, whose id is fixed per merge. */
  private async completeMergeInto(caller: CallerScope, target: ContactDoc, record: MergeDoc): Promise<ContactDoc> {
    const { details } = mergeDetails(target, record.source);
    const next: ContactDoc = { ...target, ...details, updatedAt: new Date() };
    const event = {
      ...this.event(ContactMerged, caller, target._id, { contact: snapshotOf(next), sourceContactId: record.sourceId, movedChannels: record.channels }),
      id: `merge-${record.sourceId}-into-${target._id}`,
    };
    const set: Partial<ContactDoc> = { ...details, updatedAt: next.updatedAt };
    const updated = await this.outbox.update<ContactDoc>(COLLECTIONS.contacts, live(caller.workspaceId, target._id), { $set: set }, [event]);
    if (!updated) throw notFound('Contact');
    return updated;
  }

  /** SRC-4: static notes on the contact, newest first. */
  async addNote(caller: CallerScope, contactId: string, text: string): Promise<NoteDoc> {
    await this.visibleContact(caller, contactId);
    const note: NoteDoc = { _id: newId(), workspaceId: caller.workspaceId, contactId, text, authorId: caller.principalId, createdAt: new Date() };
    await this.outbox.insert(COLLECTIONS.notes, note, [this.event(ContactNoteAdded, caller, contactId, { contactId, noteId: note._id, authorId: note.authorId })]);
    return note;
  }

  async listNotes(caller: CallerScope, contactId: string, limit: number, cursor?: string): Promise<{ items: NoteDoc[]; nextCursor: string | null }> {
    await this.visibleContact(caller, contactId);
    const filter: Record<string, unknown> = { workspaceId: caller.workspaceId, contactId };
    if (cursor) filter._id = { $lt: cursor };
    const rows = await this.store.notes.find(filter).sort({ _id: -1 }).limit(limit + 1).toArray();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]._id : null };
  }

  /** CON-4: the channels through which the contact is reachable. */
  async channels(caller: CallerScope, contactId: string): Promise<ChannelIdentityRef[]> {
    await this.visibleContact(caller, contactId);
    const rows = await this.store.identities.find({ workspaceId: caller.workspaceId, contactId }).sort({ createdAt: 1 }).toArray();
    return rows.map(({ channelId, type, externalId }) => ({ channelId, type, externalId }));
  }

  /**
   * The contact behind (channel, external id), created unassigned when first seen. The identity is
   * claimed first under a unique key, so two racing first messages make one contact; a crash between
   * the claim and the contact write is repaired by the next resolve.
   */
  async resolveChannelContact(caller: CallerScope, input: ChannelContact): Promise<{ contact: ContactDoc; created: boolean }> {
    const workspaceId = caller.workspaceId;
    const key = identityKey(workspaceId, input.channelId, input.externalId);
    let identity = await this.store.identities.findOne({ _id: key });
    if (!identity) {
      const claim = { _id: key, workspaceId, channelId: input.channelId, type: input.channelType, externalId: input.externalId, contactId: newId(), createdAt: new Date() };
      try {
        await this.store.identities.insertOne(claim);
        identity = claim;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        identity = await this.store.identities.findOne({ _id: key });
        if (!identity) throw error;
      }
    }
    const existing = await this.store.contacts.findOne({ _id: identity.contactId, workspaceId });
    if (existing && !existing.deletedAt) return { contact: existing, created: false };
    if (existing?.mergedInto) {
      const kept = await this.store.contacts.findOne(live(workspaceId, existing.mergedInto));
      if (kept) return { contact: kept, created: false };
    }
    const now = new Date();
    const channel = { channelId: input.channelId, type: input.channelType, externalId: input.externalId };
    const doc: ContactDoc = {
      _id: identity.contactId,
      workspaceId,
      firstName: input.firstName?.trim() || input.phone || input.email || input.externalId,
      lastName: input.lastName?.trim() || null,
      phone: input.phone ? normalisePhone(input.phone) : null,
      email: input.email ? normaliseEmail(input.email) : null,
      language: null,
      countryCode: null,
      gender: null,
      tags: [],
      customFields: {},
      blocked: false,
      access: { ...NO_ACCESS_GRANTS },
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.outbox.insert(COLLECTIONS.contacts, doc, [
        this.event(ContactCreated, caller, doc._id, { contact: snapshotOf(doc), channel }),
        this.event(ContactChannelAdded, caller, doc._id, { contactId: doc._id, channel }),
      ]);
      return { contact: doc, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const raced = await this.store.contacts.findOne({ _id: identity.contactId, workspaceId });
      if (!raced) throw error;
      return { contact: raced, created: false };
    }
  }

  /** CON-2: workspace-level definitions of typed custom fields (owners and managers). */
  async defineCustomField(caller: CallerScope, input: { key: string; name: string; type: string; options?: string[] }): Promise<CustomFieldDoc> {
    if (caller.role === 'agent') throw forbidden('Only owners and managers can define custom fields');
    const checked = checkDefinition(input);
    if (isProblem(checked)) refuseProblem(checked);
    const doc: CustomFieldDoc = { ...checked, _id: customFieldKey(caller.workspaceId, checked.key), workspaceId: caller.workspaceId, createdAt: new Date() };
    try {
      await this.store.customFields.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict(`A custom field with key "${checked.key}" already exists`, 'custom_field_exists', { field: 'key' });
      throw error;
    }
    return doc;
  }

  listCustomFields(caller: CallerScope): Promise<CustomFieldDoc[]> {
    return this.store.customFields.find({ workspaceId: caller.workspaceId }).sort({ createdAt: 1 }).toArray();
  }
}
