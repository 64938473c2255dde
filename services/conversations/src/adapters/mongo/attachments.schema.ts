import { Model, Schema } from 'mongoose';
import type { AttachmentPhase, AttachmentRecord } from '../../domain/attachments';

export const ATTACHMENT_MODEL = 'Attachment';

/** One file (MSG-10): an upload, a sent file or incoming media; its bytes are in object storage. */
export interface AttachmentDocument extends Omit<AttachmentRecord, 'id'> {
  _id: string;
}

export type AttachmentModel = Model<AttachmentDocument>;

const PHASES: AttachmentPhase[] = ['uploaded', 'sent', 'received', 'deleting'];

/** `attachments`. Times stay ISO strings, as the domain and the API carry them. */
export const AttachmentSchema = new Schema<AttachmentDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    uploaderId: { type: String, default: null },
    phase: { type: String, required: true, enum: PHASES },
    messageId: { type: String, default: null },
    contactId: { type: String, default: null },
    fileName: { type: String, required: true },
    storedName: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true, min: 0 },
    sha256: { type: String, default: null },
    storageKey: { type: String, default: null },
    status: { type: String, required: true, enum: ['stored', 'unavailable'] },
    reason: { type: String, default: null },
    createdAt: { type: String, required: true },
    sentAt: { type: String, default: null },
  },
  { collection: 'attachments', versionKey: false, minimize: false },
);

/**
 * The orphan sweep looks for unsent uploads by phase (equality: FerretDB serves only that from an
 * index), then filters the few it finds by age in memory. Reads are by id; nothing else is queried.
 */
AttachmentSchema.index({ phase: 1 });
