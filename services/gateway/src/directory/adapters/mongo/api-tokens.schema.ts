import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';

/** An API token as stored in `api_tokens`: the SHA-256 of its secret, never the token. */
export interface ApiTokenDocument {
  _id: string;
  workspaceId: string;
  name: string;
  secretHash: string;
  createdBy: string;
  createdAt?: Date;
  revokedAt?: Date;
}

export const API_TOKEN_MODEL = 'ApiToken';

export const ApiTokenSchema = withOutbox(
  new Schema<ApiTokenDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      name: { type: String, required: true, maxlength: 100 },
      secretHash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
      createdBy: { type: String, required: true },
      revokedAt: { type: Date },
    },
    { collection: 'api_tokens', versionKey: false, minimize: false, timestamps: { createdAt: true, updatedAt: false } },
  ),
);

// A workspace's tokens in id order (GET /v1/api-tokens pages by id); sign-in reads a token by `_id`.
ApiTokenSchema.index({ workspaceId: 1, _id: 1 });
