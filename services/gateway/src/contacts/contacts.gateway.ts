import { Inject, Injectable } from '@nestjs/common';
import { invalidInput } from '@omnibox/platform';
import { toValueMap } from '@omnibox/rpc';
import { Principal } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import { ContactsClient } from './contacts.client';
import { CreateContactInput, DefineCustomFieldInput, FindContactsQuery, UpdateContactInput } from './contacts.dto';
import { channelView, contactView, customFieldView, noteView } from './contacts.mappers';
import { WORKSPACE_MEMBERS, WorkspaceMembers } from './workspace-members';

const OPTIONAL = ['lastName', 'phone', 'email', 'language', 'countryCode', 'gender'] as const;

/** Translates API.md "Contacts" into calls of the contacts service. */
@Injectable()
export class ContactsGateway {
  constructor(
    private readonly client: ContactsClient,
    @Inject(WORKSPACE_MEMBERS) private readonly members: WorkspaceMembers,
  ) {}

  async create(principal: Principal, input: CreateContactInput) {
    const { workspaceId } = principal.scope;
    if (input.assigneeId && !(await this.members.hasUser(workspaceId, input.assigneeId))) throw invalidInput('assigneeId', 'is not a user of this workspace');
    if (input.teamId && !(await this.members.hasTeam(workspaceId, input.teamId))) throw invalidInput('teamId', 'is not a team of this workspace');
    const { firstName, lastName, phone, email, language, countryCode, gender, assigneeId, teamId } = input;
    const request = { firstName, lastName, phone, email, language, countryCode, gender, assigneeId, teamId, tags: input.tags ?? [], customFields: toValueMap(input.customFields ?? {}) };
    return contactView(await this.client.call('CreateContact', request, principal.scope));
  }

  async get(principal: Principal, id: string) {
    return contactView(await this.client.call('GetContact', { id }, principal.scope));
  }

  /** `null` clears an optional detail (and, inside `customFields`, removes a value). */
  async update(principal: Principal, id: string, input: UpdateContactInput) {
    const details = Object.fromEntries(OPTIONAL.filter((key) => typeof input[key] === 'string').map((key) => [key, input[key] as string]));
    const request = {
      id,
      ...details,
      ...(input.firstName !== undefined ? { firstName: input.firstName } : {}),
      clear: OPTIONAL.filter((key) => input[key] === null),
      hasTags: input.tags !== undefined,
      tags: input.tags ?? [],
      customFields: toValueMap(input.customFields ?? {}),
    };
    return contactView(await this.client.call('UpdateContact', request, principal.scope));
  }

  async remove(principal: Principal, id: string) {
    await this.client.call('DeleteContact', { id }, principal.scope);
  }

  async find(principal: Principal, query: FindContactsQuery) {
    // Which keys must be given is checked by the contacts service (400 naming the field).
    const { phone, email, channelId, externalId } = query;
    const { items } = await this.client.call('FindContacts', { phone, email, channelId, externalId }, principal.scope);
    return { items: items.map(contactView), nextCursor: null };
  }

  async setBlocked(principal: Principal, id: string, blocked: boolean) {
    return contactView(await this.client.call(blocked ? 'BlockContact' : 'UnblockContact', { id }, principal.scope));
  }

  async mergeSuggestions(principal: Principal, id: string) {
    const { items } = await this.client.call('MergeSuggestions', { id }, principal.scope);
    return { items: items.map(contactView) };
  }

  async merge(principal: Principal, targetId: string, sourceId: string) {
    return contactView(await this.client.call('MergeContacts', { targetId, sourceId }, principal.scope));
  }

  async addNote(principal: Principal, contactId: string, text: string) {
    return noteView(await this.client.call('AddNote', { contactId, text }, principal.scope));
  }

  async listNotes(principal: Principal, contactId: string, query: ListQuery) {
    const page = await this.client.call('ListNotes', { contactId, limit: query.limit ?? 50, cursor: query.cursor }, principal.scope);
    return { items: page.items.map(noteView), nextCursor: page.nextCursor ?? null };
  }

  async channels(principal: Principal, id: string) {
    const { items } = await this.client.call('ListChannels', { id }, principal.scope);
    return { items: items.map(channelView) };
  }

  async defineCustomField(principal: Principal, input: DefineCustomFieldInput) {
    const { key, name, type } = input;
    return customFieldView(await this.client.call('DefineCustomField', { key, name, type, options: input.options ?? [] }, principal.scope));
  }

  async listCustomFields(principal: Principal) {
    const { items } = await this.client.call('ListCustomFields', {}, principal.scope);
    return { items: items.map(customFieldView) };
  }
}
