import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { NO_ACCESS_GRANTS, ThreadAccess } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { BoundedMap, isDuplicateKeyError } from '@omnibox/platform';
import type { ContactStates, StateWrite, VersionedContactState } from '../../application/ports';
import { ContactStateVersions } from '../redis/contact-state-versions';
import type { CallContact } from '../../domain/call';
import type { ContactState } from '../../domain/contact-state';
import { CONTACT_STATE_MODEL, ContactStateDocument, ContactStateModel } from './contact-states.schema';

const toState = (doc: ContactStateDocument): ContactState => ({ contactId: doc._id, workspaceId: doc.workspaceId, contact: doc.contact, blocked: doc.blocked, deleted: doc.deleted, access: doc.access });

const COPIES = 20_000;
const COPY_MAX_AGE_MS = 60_000;

/**
 * `call_contacts` through its model: every part replaced only by a newer event. Every write replaces
 * the state's version (ContactStateVersions), so `current` serves this replica's copy while it holds.
 */
@Injectable()
export class ContactStatesRepository implements ContactStates {
  /** Read on every call event (the caller's contact): a FerretDB read each, measured one of the ingress's few commands per call. */
  private readonly copies = new BoundedMap<string, VersionedContactState & { at: number }>(COPIES);

  constructor(
    @InjectModel(CONTACT_STATE_MODEL) private readonly model: ContactStateModel,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly versions: ContactStateVersions,
  ) {}

  async find(contactId: string): Promise<ContactState | null> {
    const doc = await this.model.findById(contactId).select(OUTBOX_FIELDS).lean<ContactStateDocument>().exec();
    return doc ? toState(doc) : null;
  }

  async current(contactId: string): Promise<VersionedContactState> {
    const version = await this.versions.current(contactId);
    const copy = this.copies.get(contactId);
    if (copy && copy.version === version && Date.now() - copy.at < COPY_MAX_AGE_MS) return copy;
    const fresh = { state: await this.find(contactId), version, at: Date.now() };
    this.copies.set(contactId, fresh);
    return fresh;
  }

  changedSince(contactId: string, version: string): Promise<boolean> {
    return this.versions.changedSince(contactId, version);
  }

  async fillUnknown(state: ContactState): Promise<ContactState> {
    let doc = await this.model.findById(state.contactId).select(OUTBOX_FIELDS).lean<ContactStateDocument>().exec();
    if (!doc) {
      const fresh: ContactStateDocument = { _id: state.contactId, workspaceId: state.workspaceId, contact: state.contact, blocked: state.blocked, deleted: state.deleted, access: state.access, contactAt: '', accessAt: '' };
      if (await this.insert(fresh)) return state;
      doc = await this.model.findById(state.contactId).select(OUTBOX_FIELDS).lean<ContactStateDocument>().exec();
      if (!doc) return state;
    }
    if (doc.contactAt && doc.accessAt) return toState(doc);
    if (!doc.contactAt && (await this.outbox.updateOneDocument(this.model, { _id: state.contactId, contactAt: '' }, { $set: { contact: state.contact, blocked: state.blocked } }))) await this.versions.bump(state.contactId);
    if (!doc.accessAt && (await this.outbox.updateOneDocument(this.model, { _id: state.contactId, accessAt: '' }, { $set: { access: state.access } }))) await this.versions.bump(state.contactId);
    return (await this.find(state.contactId)) ?? state;
  }

  async saveContact(workspaceId: string, contactId: string, details: { contact: CallContact; blocked: boolean; deleted: boolean }, at: string, firstSight = false): Promise<StateWrite> {
    const insert = () => this.insert({ _id: contactId, workspaceId, ...details, access: NO_ACCESS_GRANTS, contactAt: at, accessAt: '' });
    // A contact just created is inserted first: the update would match nothing (one command saved per new contact).
    if (firstSight && (await insert())) return 'inserted';
    if (await this.outbox.updateOneDocument(this.model, { _id: contactId, contactAt: { $lte: at } }, { $set: { workspaceId, ...details, contactAt: at } })) return this.written(contactId);
    return firstSight ? false : insert();
  }

  async saveAccess(workspaceId: string, contactId: string, access: ThreadAccess, at: string): Promise<StateWrite> {
    if (await this.outbox.updateOneDocument(this.model, { _id: contactId, accessAt: { $lte: at } }, { $set: { workspaceId, access, accessAt: at } })) return this.written(contactId);
    const unknown: CallContact = { id: contactId, firstName: '', lastName: null, phone: null };
    return this.insert({ _id: contactId, workspaceId, contact: unknown, blocked: false, deleted: false, access, contactAt: '', accessAt: at });
  }

  /** After a write: the state's version changes before anything follows the write (e.g. refreshing its calls). */
  private async written(contactId: string): Promise<'updated'> {
    await this.versions.bump(contactId);
    return 'updated';
  }

  /** False when the document exists (then it holds a newer state, which stays). */
  private async insert(doc: ContactStateDocument): Promise<'inserted' | false> {
    try {
      await this.model.insertMany([doc]);
      await this.written(doc._id);
      return 'inserted';
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
