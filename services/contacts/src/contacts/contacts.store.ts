import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ChannelIdentityRef, ContactSnapshot, ThreadAccess } from '@omnibox/contracts';
import { MONGO, MongoHandle } from '@omnibox/platform';
import { Collection } from 'mongodb';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import type { ContactDetails } from '../domain/contact-rules';

export const COLLECTIONS = {
  contacts: 'contacts',
  identities: 'channel_identities',
  notes: 'notes',
  customFields: 'custom_fields',
  merges: 'merges',
} as const;

export interface ContactDoc extends ContactDetails {
  _id: string;
  workspaceId: string;
  blocked: boolean;
  /** Who may see the contact (VIS-2/3): seeded on create, kept current from conversation events. */
  access: ThreadAccess;
  /** Thread time of the access last applied, so an older thread event never overwrites a newer one. */
  accessAt?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set when deleted or merged away; such contacts answer 404. */
  deletedAt?: Date;
  mergedInto?: string;
}

/** A (channel, external id) pair that reaches a contact; `_id` is the pair itself, so it is unique. */
export interface IdentityDoc {
  _id: string;
  workspaceId: string;
  channelId: string;
  type: string;
  externalId: string;
  contactId: string;
  createdAt: Date;
}

export interface NoteDoc {
  _id: string;
  workspaceId: string;
  contactId: string;
  text: string;
  authorId: string;
  createdAt: Date;
}

export interface CustomFieldDoc extends CustomFieldDefinition {
  _id: string;
  workspaceId: string;
  createdAt: Date;
}

/** Progress of one merge, so a merge cut short by a crash is finished by its retry (CON-3). */
export interface MergeDoc {
  _id: string;
  workspaceId: string;
  sourceId: string;
  targetId: string;
  state: 'started' | 'done';
  /** The merged-away contact as it was when the merge began, and the channels it had. */
  source: ContactDoc;
  channels: ChannelIdentityRef[];
  startedAt: Date;
  finishedAt?: Date;
}

export const identityKey = (workspaceId: string, channelId: string, externalId: string) => `${workspaceId}|${channelId}|${externalId}`;
export const customFieldKey = (workspaceId: string, key: string) => `${workspaceId}|${key}`;
export const mergeKey = (workspaceId: string, sourceId: string) => `${workspaceId}|${sourceId}`;

/** A live (not deleted, not merged away) contact of the workspace. */
export const live = (workspaceId: string, id: string) => ({ _id: id, workspaceId, deletedAt: { $exists: false } });

export function snapshotOf(doc: ContactDoc): ContactSnapshot {
  return {
    id: doc._id,
    firstName: doc.firstName,
    lastName: doc.lastName,
    phone: doc.phone,
    email: doc.email,
    language: doc.language,
    countryCode: doc.countryCode,
    gender: doc.gender,
    tags: doc.tags,
    customFields: doc.customFields,
    blocked: doc.blocked,
    assigneeId: doc.access.assigneeId,
    teamId: doc.access.teamId,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The contacts service's MongoDB collections and their indexes. */
@Injectable()
export class ContactsStore implements OnModuleInit {
  readonly contacts: Collection<ContactDoc>;
  readonly identities: Collection<IdentityDoc>;
  readonly notes: Collection<NoteDoc>;
  readonly customFields: Collection<CustomFieldDoc>;
  readonly merges: Collection<MergeDoc>;

  constructor(@Inject(MONGO) mongo: MongoHandle) {
    this.contacts = mongo.db.collection(COLLECTIONS.contacts);
    this.identities = mongo.db.collection(COLLECTIONS.identities);
    this.notes = mongo.db.collection(COLLECTIONS.notes);
    this.customFields = mongo.db.collection(COLLECTIONS.customFields);
    this.merges = mongo.db.collection(COLLECTIONS.merges);
  }

  async onModuleInit() {
    await Promise.all([
      this.contacts.createIndex({ workspaceId: 1, phone: 1 }),
      this.contacts.createIndex({ workspaceId: 1, email: 1 }),
      this.identities.createIndex({ workspaceId: 1, contactId: 1 }),
      this.notes.createIndex({ workspaceId: 1, contactId: 1, _id: -1 }),
      this.customFields.createIndex({ workspaceId: 1, key: 1 }),
    ]);
  }
}
