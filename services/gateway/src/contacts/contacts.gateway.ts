import { Injectable } from '@nestjs/common';
import { invalidInput } from '@omnibox/platform';
import { Principal } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import { DirectoryStore } from '../directory/directory.store';
import { ContactsClient } from './contacts.client';
import { CreateContactInput, DefineCustomFieldInput, FindContactsQuery, UpdateContactInput } from './contacts.dto';

/** A contact as the contacts service sends it over gRPC. */
interface ContactMessage {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  language: string;
  countryCode: string;
  gender: string;
  tags: string[];
  customFieldsJson: string;
  blocked: boolean;
  createdAt: string;
  updatedAt: string;
  assigneeId: string;
  teamId: string;
}

interface NoteMessage {
  id: string;
  contactId: string;
  text: string;
  authorId: string;
  createdAt: string;
}

const OPTIONAL = ['lastName', 'phone', 'email', 'language', 'countryCode', 'gender'] as const;

/** API.md `contact`, with the assignment it was created with. Empty proto strings are nulls. */
export function contactView(message: ContactMessage) {
  const orNull = (value: string) => (value === '' ? null : value);
  return {
    id: message.id,
    firstName: message.firstName,
    lastName: orNull(message.lastName),
    phone: orNull(message.phone),
    email: orNull(message.email),
    language: orNull(message.language),
    countryCode: orNull(message.countryCode),
    gender: orNull(message.gender),
    tags: message.tags,
    customFields: JSON.parse(message.customFieldsJson || '{}') as Record<string, unknown>,
    blocked: message.blocked,
    assigneeId: orNull(message.assigneeId),
    teamId: orNull(message.teamId),
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
  };
}

/** Translates API.md "Contacts" into calls of the contacts service. */
@Injectable()
export class ContactsGateway {
  constructor(
    private readonly client: ContactsClient,
    private readonly directory: DirectoryStore,
  ) {}

  async create(principal: Principal, input: CreateContactInput) {
    const { workspaceId } = principal.scope;
    if (input.assigneeId && !(await this.directory.users.countDocuments({ _id: input.assigneeId, workspaceId }, { limit: 1 }))) {
      throw invalidInput('assigneeId', 'is not a user of this workspace');
    }
    if (input.teamId && !(await this.directory.teams.countDocuments({ _id: input.teamId, workspaceId }, { limit: 1 }))) {
      throw invalidInput('teamId', 'is not a team of this workspace');
    }
    const { customFields, ...rest } = input;
    const request = { ...rest, tags: input.tags ?? [], ...(customFields ? { customFieldsJson: JSON.stringify(customFields) } : {}) };
    return contactView(await this.client.callUntyped<ContactMessage>('CreateContact', request, principal.scope));
  }

  async get(principal: Principal, id: string) {
    return contactView(await this.client.callUntyped<ContactMessage>('GetContact', { id }, principal.scope));
  }

  async update(principal: Principal, id: string, input: UpdateContactInput) {
    const clear = OPTIONAL.filter((key) => input[key] === null);
    const request: Record<string, unknown> = { id, clear, hasTags: input.tags !== undefined, tags: input.tags ?? [] };
    if (input.firstName !== undefined) request.firstName = input.firstName;
    for (const key of OPTIONAL) if (typeof input[key] === 'string') request[key] = input[key];
    if (input.customFields !== undefined) request.customFieldsJson = JSON.stringify(input.customFields);
    return contactView(await this.client.callUntyped<ContactMessage>('UpdateContact', request, principal.scope));
  }

  async remove(principal: Principal, id: string) {
    await this.client.callUntyped('DeleteContact', { id }, principal.scope);
  }

  async find(principal: Principal, query: FindContactsQuery) {
    // Which keys must be given is checked by the contacts service (400 naming the field).
    const { items } = await this.client.callUntyped<{ items: ContactMessage[] }>('FindContacts', query, principal.scope);
    return { items: items.map(contactView), nextCursor: null };
  }

  async setBlocked(principal: Principal, id: string, blocked: boolean) {
    return contactView(await this.client.callUntyped<ContactMessage>(blocked ? 'BlockContact' : 'UnblockContact', { id }, principal.scope));
  }

  async mergeSuggestions(principal: Principal, id: string) {
    const { items } = await this.client.callUntyped<{ items: ContactMessage[] }>('MergeSuggestions', { id }, principal.scope);
    return { items: items.map(contactView) };
  }

  async merge(principal: Principal, targetId: string, sourceId: string) {
    return contactView(await this.client.callUntyped<ContactMessage>('MergeContacts', { targetId, sourceId }, principal.scope));
  }

  async addNote(principal: Principal, contactId: string, text: string) {
    return this.client.callUntyped<NoteMessage>('AddNote', { contactId, text }, principal.scope);
  }

  async listNotes(principal: Principal, contactId: string, query: ListQuery) {
    const page = await this.client.callUntyped<{ items: NoteMessage[]; nextCursor: string }>(
      'ListNotes',
      { contactId, limit: query.limit ?? 50, cursor: query.cursor ?? '' },
      principal.scope,
    );
    return { items: page.items, nextCursor: page.nextCursor || null };
  }

  async channels(principal: Principal, id: string) {
    return this.client.callUntyped<{ items: Array<{ channelId: string; type: string; externalId: string }> }>('ListChannels', { id }, principal.scope);
  }

  async defineCustomField(principal: Principal, input: DefineCustomFieldInput) {
    return this.client.callUntyped('DefineCustomField', { ...input, options: input.options ?? [] }, principal.scope);
  }

  async listCustomFields(principal: Principal) {
    return this.client.callUntyped('ListCustomFields', {}, principal.scope);
  }
}
