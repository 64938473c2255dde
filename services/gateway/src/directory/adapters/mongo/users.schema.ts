import type { Restriction, Role } from '@omnibox/contracts';
import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';
import { normaliseEmail } from '../../domain/email';

/** A user as stored in `users`. */
export interface UserDocument {
  _id: string;
  workspaceId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
  passwordHash: string;
  tokenVersion: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const USER_MODEL = 'User';

export const UserSchema = withOutbox(
  new Schema<UserDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      firstName: { type: String, required: true, maxlength: 100 },
      lastName: { type: String, default: '', maxlength: 100 },
      // Stored normalised, so the unique index below compares e-mails as sign-in does.
      email: { type: String, required: true, maxlength: 254, validate: { validator: (email: string) => email === normaliseEmail(email), message: 'email must be stored normalised' } },
      role: { type: String, required: true, enum: ['owner', 'manager', 'agent'] },
      restriction: { type: String, required: true, enum: ['none', 'team', 'self'] },
      canViewBlocked: { type: Boolean, required: true },
      passwordHash: { type: String, required: true, match: /^scrypt\$/ },
      tokenVersion: { type: Number, required: true, min: 0 },
    },
    { collection: 'users', versionKey: false, minimize: false, timestamps: true },
  ),
);

// Correctness, not speed: the e-mail is the login, so it is unique across workspaces; two sign-ups
// racing for one address are told apart only by this index.
UserSchema.index({ email: 1 }, { unique: true });
// A workspace's users in id order: GET /v1/users pages by id, and the directory lookups read by workspace.
UserSchema.index({ workspaceId: 1, _id: 1 });
