import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Permissions, VersionedPermission } from '../../application/ports';
import type { PermissionState } from '../../domain/permissions';
import { PERMISSION_MODEL, PermissionDocument, PermissionModel } from './permissions.schema';

const toPermission = (doc: PermissionDocument): VersionedPermission => {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest, providerRequestId: rest.providerRequestId ?? null, answeredAt: rest.answeredAt ?? null, appliedEventIds: rest.appliedEventIds ?? [] };
};

/** The stored fields of a permission request (without its id and version). */
const fieldsOf = (permission: PermissionState) => {
  const { id: _id, ...fields } = permission;
  const { version: _version, ...rest } = fields as PermissionState & { version?: number };
  return rest;
};

/** `call_permissions` through its model. */
@Injectable()
export class PermissionsRepository implements Permissions {
  constructor(
    @InjectModel(PERMISSION_MODEL) private readonly model: PermissionModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async find(id: string): Promise<VersionedPermission | null> {
    const doc = await this.model.findById(id).select(OUTBOX_FIELDS).lean<PermissionDocument>().exec();
    return doc ? toPermission(doc) : null;
  }

  async findByProviderId(workspaceId: string, channelId: string, providerRequestId: string): Promise<VersionedPermission | null> {
    const docs = await this.model.find({ providerRequestId }).select(OUTBOX_FIELDS).lean<PermissionDocument[]>().exec();
    const doc = docs.find((entry) => entry.workspaceId === workspaceId && entry.channelId === channelId);
    return doc ? toPermission(doc) : null;
  }

  async ofContact(contactId: string): Promise<PermissionState[]> {
    const docs = await this.model.find({ contactId }).select(OUTBOX_FIELDS).lean<PermissionDocument[]>().exec();
    return docs.map(toPermission);
  }

  async create(permission: PermissionState): Promise<boolean> {
    try {
      await this.model.insertMany([{ _id: permission.id, version: 1, ...fieldsOf(permission) }]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  update(id: string, version: number, next: PermissionState): Promise<boolean> {
    return this.outbox.updateOneDocument(this.model, { _id: id, version }, { $set: fieldsOf(next), $inc: { version: 1 } });
  }
}
