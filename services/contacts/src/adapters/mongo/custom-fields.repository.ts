import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { CustomField, CustomFieldRepository } from '../../application/ports';
import { CUSTOM_FIELD_MODEL, CustomFieldDocument, customFieldKey } from './custom-fields.schema';

const toField = ({ workspaceId, key, name, type, options, createdAt }: CustomFieldDocument): CustomField => ({ workspaceId, key, name, type, options: options ?? [], createdAt });

/** `custom_fields` through its model. */
@Injectable()
export class MongoCustomFieldRepository implements CustomFieldRepository {
  constructor(@InjectModel(CUSTOM_FIELD_MODEL) private readonly model: Model<CustomFieldDocument>) {}

  async ofWorkspace(workspaceId: string): Promise<CustomField[]> {
    const docs = await this.model.find({ workspaceId }).sort({ createdAt: 1 }).lean<CustomFieldDocument[]>().exec();
    return docs.map(toField);
  }

  async add(field: CustomField): Promise<boolean> {
    try {
      await this.model.insertMany([{ _id: customFieldKey(field.workspaceId, field.key), ...field }]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
