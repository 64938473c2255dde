import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { NO_ACCESS_GRANTS, ThreadAccess } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { ContactStates } from '../../application/ports';
import type { CallContact } from '../../domain/call';
import type { ContactState } from '../../domain/contact-state';
import { CONTACT_STATE_MODEL, ContactStateDocument, ContactStateModel } from './contact-states.schema';

const toState = (doc: ContactStateDocument): ContactState => ({ contactId: doc._id, workspaceId: doc.workspaceId, contact: doc.contact, blocked: doc.blocked, deleted: doc.deleted, access: doc.access });

/** `call_contacts` through its model: every part replaced only by a newer event. */
@Injectable()
export class ContactStatesRepository implements ContactStates {
  constructor(
    @InjectModel(CONTACT_STATE_MODEL) private readonly model: ContactStateModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async find(contactId: string): Promise<ContactState | null> {
    const doc = await this.model.findById(contactId).select(OUTBOX_FIELDS).lean<ContactStateDocument>().exec();
    return doc ? toState(doc) : null;
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
    if (!doc.contactAt) await this.outbox.updateOneDocument(this.model, { _id: state.contactId, contactAt: '' }, { $set: { contact: state.contact, blocked: state.blocked } });
    if (!doc.accessAt) await this.outbox.updateOneDocument(this.model, { _id: state.contactId, accessAt: '' }, { $set: { access: state.access } });
    return (await this.find(state.contactId)) ?? state;
  }

  async saveContact(workspaceId: string, contactId: string, details: { contact: CallContact; blocked: boolean; deleted: boolean }, at: string): Promise<boolean> {
    if (await this.outbox.updateOneDocument(this.model, { _id: contactId, contactAt: { $lte: at } }, { $set: { workspaceId, ...details, contactAt: at } })) return true;
    return this.insert({ _id: contactId, workspaceId, ...details, access: NO_ACCESS_GRANTS, contactAt: at, accessAt: '' });
  }

  async saveAccess(workspaceId: string, contactId: string, access: ThreadAccess, at: string): Promise<boolean> {
    if (await this.outbox.updateOneDocument(this.model, { _id: contactId, accessAt: { $lte: at } }, { $set: { workspaceId, access, accessAt: at } })) return true;
    const unknown: CallContact = { id: contactId, firstName: '', lastName: null, phone: null };
    return this.insert({ _id: contactId, workspaceId, contact: unknown, blocked: false, deleted: false, access, contactAt: '', accessAt: at });
  }

  /** False when the document exists (then it holds a newer state, which stays). */
  private async insert(doc: ContactStateDocument): Promise<boolean> {
    try {
      await this.model.insertMany([doc]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
