import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';
import type { CustomFieldValue, ThreadAccess } from '@omnibox/contracts';

/** A contact as stored in `contacts`. */
export interface ContactDocument {
  _id: string;
  workspaceId: string;
  firstName: string;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  countryCode: string | null;
  gender: string | null;
  tags: string[];
  customFields: Record<string, CustomFieldValue>;
  blocked: boolean;
  access: ThreadAccess;
  accessAt?: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
  mergedInto?: string;
}

export const CONTACT_MODEL = 'Contact';

const optionalText = { type: String, default: null };
/**
 * Present, though possibly empty: mongoose's plain `required` refuses '' for strings, which a name
 * trimmed of its spaces may be. Required only when the value is not a string at all.
 */
function presentText(field: keyof ContactDocument) {
  const missing = function (this: ContactDocument) {
    return typeof this[field] !== 'string';
  };
  return { type: String, required: [missing, `${field} is required`] as [(this: ContactDocument) => boolean, string] };
}

/**
 * `createdAt` / `updatedAt` are written by the use cases rather than by mongoose `timestamps`, so the
 * document and the event announcing the change carry the very same time.
 */
export const ContactSchema = withOutbox(
  new Schema<ContactDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      firstName: presentText('firstName'),
      lastName: optionalText,
      // Stored normalised (E.164 or digits; lower-cased), which is what lookups and merge suggestions compare.
      phone: optionalText,
      email: optionalText,
      language: optionalText,
      countryCode: optionalText,
      gender: optionalText,
      tags: { type: [String], default: [] },
      // Values typed by the workspace's definitions (text, number, boolean); keys vary per workspace.
      customFields: { type: Schema.Types.Mixed, default: {} },
      blocked: { type: Boolean, required: true },
      // The thread's access (VIS-2/3), written whole from conversation events.
      access: { type: Schema.Types.Mixed, required: true },
      // ISO time of the thread state `access` came from.
      accessAt: { type: String },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      deletedAt: { type: Date },
      mergedInto: { type: String },
    },
    { collection: 'contacts', versionKey: false, minimize: false },
  ),
  { batchInserts: true },
);

// Exact lookup by phone and merge suggestions (CON-3) compare the normalised phone within a workspace.
ContactSchema.index({ workspaceId: 1, phone: 1 });
// Exact lookup by e-mail and merge suggestions (CON-3) compare the lower-cased e-mail within a workspace.
ContactSchema.index({ workspaceId: 1, email: 1 });
