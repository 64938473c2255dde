import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Batcher, findByIds } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { ContactAttributes } from '../../application/ports';
import type { RowAttributes } from '../../domain/list-rules';
import { CONTACT_ATTRIBUTES_MODEL, ContactAttributesDoc } from './inbox-contact-attributes.schema';

@Injectable()
export class MongoContactAttributes implements ContactAttributes {
  /** New threads' rows ask at about the same moment (a burst of new contacts): their reads go out together, each id once. */
  private readonly finding = new Batcher<string, RowAttributes | null>(async (_key, contactIds) => {
    const docs = await findByIds<Pick<ContactAttributesDoc, '_id' | 'attrs'>>(this.model, contactIds, {}, { attrs: 1 });
    const found = new Map(docs.map((doc) => [doc._id, doc.attrs]));
    return contactIds.map((id) => found.get(id) ?? null);
  });

  constructor(@InjectModel(CONTACT_ATTRIBUTES_MODEL) private readonly model: Model<ContactAttributesDoc>) {}

  async save(workspaceId: string, contactId: string, attrs: RowAttributes): Promise<void> {
    await this.model.updateOne({ _id: contactId }, { $set: { workspaceId, attrs } }, { upsert: true }).exec();
  }

  find(contactId: string): Promise<RowAttributes | null> {
    return this.finding.request('', contactId);
  }
}
