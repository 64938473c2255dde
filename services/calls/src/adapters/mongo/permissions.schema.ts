import { withOutbox } from '@omnibox/messaging';
import { Model, Schema } from 'mongoose';
import type { PermissionState } from '../../domain/permissions';

export const PERMISSION_MODEL = 'CallPermission';

/** A call permission request (`_id` = its id), `version` guarding read-modify-write. */
export interface PermissionDocument extends Omit<PermissionState, 'id'> {
  _id: string;
  version: number;
}

export type PermissionModel = Model<PermissionDocument>;

/** `call_permissions`: written through the outbox's per-document lock (it announces nothing). */
export const PermissionSchema = withOutbox(
  new Schema<PermissionDocument>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true, min: 1 },
      workspaceId: { type: String, required: true },
      channelId: { type: String, required: true },
      contactId: { type: String, required: true },
      providerRequestId: { type: String },
      status: { type: String, required: true, enum: ['requested', 'accepted', 'rejected'] },
      requestedAt: { type: String, required: true },
      answeredAt: { type: String },
      appliedEventIds: { type: [String] },
    },
    { collection: 'call_permissions', versionKey: false, minimize: false },
  ),
);

/** A contact's activity (CAL-5) lists their permission requests. */
PermissionSchema.index({ contactId: 1 });
/** A provider event naming a request we sent by the provider's id. */
PermissionSchema.index({ providerRequestId: 1 });
