import { Schema } from 'mongoose';
import { CUSTOM_FIELD_TYPES } from '../../domain/custom-fields';
import type { CustomFieldType } from '@omnibox/contracts';

/** A workspace's custom-field definition (CON-2), as stored in `custom_fields`; `_id` is `<workspace>|<key>`, so keys are unique. */
export interface CustomFieldDocument {
  _id: string;
  workspaceId: string;
  key: string;
  name: string;
  type: CustomFieldType;
  options: string[];
  createdAt: Date;
}

export const CUSTOM_FIELD_MODEL = 'CustomField';

export const CustomFieldSchema = new Schema<CustomFieldDocument>(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    key: { type: String, required: true, match: /^[a-z][a-z0-9_]{0,63}$/ },
    name: { type: String, required: true },
    type: { type: String, required: true, enum: CUSTOM_FIELD_TYPES },
    options: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'custom_fields', versionKey: false },
);

// A workspace's definitions, read before every contact write that carries custom fields.
CustomFieldSchema.index({ workspaceId: 1, key: 1 });

export const customFieldKey = (workspaceId: string, key: string) => `${workspaceId}|${key}`;
