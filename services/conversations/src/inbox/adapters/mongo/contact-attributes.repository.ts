import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ContactAttributes } from '../../application/ports';
import type { RowAttributes } from '../../domain/list-rules';
import { CONTACT_ATTRIBUTES_MODEL, ContactAttributesDoc } from './inbox-contact-attributes.schema';

@Injectable()
export class MongoContactAttributes implements ContactAttributes {
  constructor(@InjectModel(CONTACT_ATTRIBUTES_MODEL) private readonly model: Model<ContactAttributesDoc>) {}

  async save(workspaceId: string, contactId: string, attrs: RowAttributes): Promise<void> {
    await this.model.updateOne({ _id: contactId }, { $set: { workspaceId, attrs } }, { upsert: true }).exec();
  }

  async find(contactId: string): Promise<RowAttributes | null> {
    const doc = await this.model.findById(contactId, { attrs: 1 }).lean<Pick<ContactAttributesDoc, 'attrs'>>().exec();
    return doc?.attrs ?? null;
  }
}
