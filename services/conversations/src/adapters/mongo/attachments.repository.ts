import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AttachmentRecord } from '../../domain/attachments';
import type { Attachments } from '../../application/ports';
import { ATTACHMENT_MODEL, AttachmentDocument, AttachmentModel } from './attachments.schema';

const toRecord = ({ _id, ...rest }: AttachmentDocument): AttachmentRecord => ({ id: _id, ...rest });
const DUPLICATE_KEY = 11000;

/** `attachments` through its model. Phase changes are conditional updates, so a send and the sweep never both win. */
@Injectable()
export class AttachmentsRepository implements Attachments {
  constructor(@InjectModel(ATTACHMENT_MODEL) private readonly model: AttachmentModel) {}

  async create(record: AttachmentRecord): Promise<boolean> {
    const { id, ...rest } = record;
    try {
      await this.model.create({ _id: id, ...rest });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async find(id: string): Promise<AttachmentRecord | null> {
    const doc = await this.model.findById(id).lean<AttachmentDocument>().exec();
    return doc ? toRecord(doc) : null;
  }

  async markSent(id: string, link: { messageId: string; contactId: string; at: string }): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, phase: 'uploaded' }, { $set: { phase: 'sent', messageId: link.messageId, contactId: link.contactId, sentAt: link.at } }).exec();
    return result.modifiedCount === 1;
  }

  async unmarkSent(id: string, messageId: string): Promise<void> {
    await this.model.updateOne({ _id: id, phase: 'sent', messageId }, { $set: { phase: 'uploaded', messageId: null, contactId: null, sentAt: null } }).exec();
  }

  async orphans(cutoff: string, limit: number): Promise<AttachmentRecord[]> {
    const [unsent, deleting] = await Promise.all([
      this.model.find({ phase: 'uploaded', createdAt: { $lt: cutoff } }).limit(limit).lean<AttachmentDocument[]>().exec(),
      this.model.find({ phase: 'deleting' }).limit(limit).lean<AttachmentDocument[]>().exec(),
    ]);
    return [...deleting, ...unsent].slice(0, limit).map(toRecord);
  }

  async markDeleting(id: string): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, phase: { $in: ['uploaded', 'deleting'] }, messageId: null }, { $set: { phase: 'deleting' } }).exec();
    return result.matchedCount === 1;
  }

  async removeDeleting(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, phase: 'deleting' }).exec();
  }
}
