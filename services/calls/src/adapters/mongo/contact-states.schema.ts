import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';
import type { ContactState } from '../../domain/contact-state';

export const CONTACT_STATE_MODEL = 'CallContact';

/** What this service knows of a contact (`_id` = contact id), each part with the time of the event it comes from. */
export interface ContactStateDocument extends Omit<ContactState, 'contactId'> {
  _id: string;
  /** Time of the contact event the details come from; '' while only the contacts service's answer is known. */
  contactAt: string;
  /** Time of the thread event the access comes from; '' while only the contacts service's answer is known. */
  accessAt: string;
}

export type ContactStateModel = Model<ContactStateDocument>;

const { Mixed } = Schema.Types;

/**
 * `call_contacts`: the contacts of the workspace as calls need them, kept from `contacts.contact.*`
 * and `conversations.thread.access_changed`. Written through the outbox's per-document lock (no events):
 * FerretDB rewrites a whole document per update, so a contact event and a thread event written at once
 * would otherwise lose one of them.
 */
export const ContactStateSchema = withOutbox(
  new Schema<ContactStateDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      contact: { type: Mixed, required: true },
      blocked: { type: Boolean, required: true },
      deleted: { type: Boolean, required: true },
      access: { type: Mixed, required: true },
      contactAt: { type: String },
      accessAt: { type: String },
    },
    { collection: 'call_contacts', versionKey: false, minimize: false },
  ),
);
// Read by contact id only: no index besides `_id`.
