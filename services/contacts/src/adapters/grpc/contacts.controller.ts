import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, ContactsDefinition } from '@omnibox/contracts';
import { Caller, fromValueMap, RpcHandlers, RpcMethod, RpcReceived } from '@omnibox/rpc';
import { AddNote } from '../../application/add-note';
import { BlockContact } from '../../application/block-contact';
import { CreateContact } from '../../application/create-contact';
import { DefineCustomField } from '../../application/define-custom-field';
import { DeleteContact } from '../../application/delete-contact';
import { ExistingContacts } from '../../application/existing-contacts';
import { FindContacts } from '../../application/find-contacts';
import { GetContact } from '../../application/get-contact';
import { ListChannels } from '../../application/list-channels';
import { ListCustomFields } from '../../application/list-custom-fields';
import { ListNotes } from '../../application/list-notes';
import { MergeContacts } from '../../application/merge-contacts';
import { MergeSuggestions } from '../../application/merge-suggestions';
import { ResolveChannelContact } from '../../application/resolve-channel-contact';
import { ResolveChannelContacts } from '../../application/resolve-channel-contacts';
import { UnblockContact } from '../../application/unblock-contact';
import { UpdateContact } from '../../application/update-contact';
import { contactMessage, customFieldMessage, noteMessage } from './contact-messages';

type Received<M extends RpcMethod<ContactsDefinition>> = RpcReceived<ContactsDefinition, M>;

/** The gRPC face of the contacts service (libs/contracts/proto/contacts.proto): proto in, use case, proto out. */
@Controller()
export class ContactsGrpcController implements RpcHandlers<ContactsDefinition> {
  constructor(
    private readonly createContactCase: CreateContact,
    private readonly getContactCase: GetContact,
    private readonly updateContactCase: UpdateContact,
    private readonly deleteContactCase: DeleteContact,
    private readonly findContactsCase: FindContacts,
    private readonly existingContactsCase: ExistingContacts,
    private readonly blockContactCase: BlockContact,
    private readonly unblockContactCase: UnblockContact,
    private readonly mergeSuggestionsCase: MergeSuggestions,
    private readonly mergeContactsCase: MergeContacts,
    private readonly addNoteCase: AddNote,
    private readonly listNotesCase: ListNotes,
    private readonly listChannelsCase: ListChannels,
    private readonly resolveChannelContactCase: ResolveChannelContact,
    private readonly resolveChannelContactsCase: ResolveChannelContacts,
    private readonly defineCustomFieldCase: DefineCustomField,
    private readonly listCustomFieldsCase: ListCustomFields,
  ) {}

  @GrpcMethod('Contacts')
  async createContact(@Payload() request: Received<'CreateContact'>, @Caller() caller: CallerScope) {
    const { firstName, lastName, phone, email, language, countryCode, gender, tags, customFields, assigneeId, teamId } = request;
    const input = { firstName, lastName, phone, email, language, countryCode, gender, tags, customFields: fromValueMap(customFields), assigneeId, teamId };
    return contactMessage(await this.createContactCase.execute(caller, input));
  }

  @GrpcMethod('Contacts')
  async getContact(@Payload() request: Received<'GetContact'>, @Caller() caller: CallerScope) {
    return contactMessage(await this.getContactCase.execute(caller, request.id));
  }

  @GrpcMethod('Contacts')
  async updateContact(@Payload() request: Received<'UpdateContact'>, @Caller() caller: CallerScope) {
    const { id, hasTags, tags, clear, customFields, firstName, lastName, phone, email, language, countryCode, gender } = request;
    const changes = { firstName, lastName, phone, email, language, countryCode, gender, ...(hasTags ? { tags } : {}), clear, customFields: fromValueMap(customFields) };
    return contactMessage(await this.updateContactCase.execute(caller, id, changes));
  }

  @GrpcMethod('Contacts')
  async deleteContact(@Payload() request: Received<'DeleteContact'>, @Caller() caller: CallerScope) {
    await this.deleteContactCase.execute(caller, request.id);
    return {};
  }

  @GrpcMethod('Contacts')
  async findContacts(@Payload() request: Received<'FindContacts'>, @Caller() caller: CallerScope) {
    return { items: (await this.findContactsCase.execute(caller, request)).map(contactMessage) };
  }

  @GrpcMethod('Contacts')
  async existingContacts(@Payload() request: Received<'ExistingContacts'>, @Caller() caller: CallerScope) {
    return { ids: await this.existingContactsCase.execute(caller, request.ids) };
  }

  @GrpcMethod('Contacts')
  async blockContact(@Payload() request: Received<'BlockContact'>, @Caller() caller: CallerScope) {
    return contactMessage(await this.blockContactCase.execute(caller, request.id));
  }

  @GrpcMethod('Contacts')
  async unblockContact(@Payload() request: Received<'UnblockContact'>, @Caller() caller: CallerScope) {
    return contactMessage(await this.unblockContactCase.execute(caller, request.id));
  }

  @GrpcMethod('Contacts')
  async mergeSuggestions(@Payload() request: Received<'MergeSuggestions'>, @Caller() caller: CallerScope) {
    return { items: (await this.mergeSuggestionsCase.execute(caller, request.id)).map(contactMessage) };
  }

  @GrpcMethod('Contacts')
  async mergeContacts(@Payload() request: Received<'MergeContacts'>, @Caller() caller: CallerScope) {
    return contactMessage(await this.mergeContactsCase.execute(caller, request.targetId, request.sourceId));
  }

  @GrpcMethod('Contacts')
  async addNote(@Payload() request: Received<'AddNote'>, @Caller() caller: CallerScope) {
    return noteMessage(await this.addNoteCase.execute(caller, request.contactId, request.text));
  }

  @GrpcMethod('Contacts')
  async listNotes(@Payload() request: Received<'ListNotes'>, @Caller() caller: CallerScope) {
    const page = await this.listNotesCase.execute(caller, request.contactId, { limit: request.limit, cursor: request.cursor });
    return { items: page.items.map(noteMessage), nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Contacts')
  async listChannels(@Payload() request: Received<'ListChannels'>, @Caller() caller: CallerScope) {
    return { items: await this.listChannelsCase.execute(caller, request.id) };
  }

  @GrpcMethod('Contacts')
  async resolveChannelContact(@Payload() request: Received<'ResolveChannelContact'>, @Caller() caller: CallerScope) {
    const { contact, created } = await this.resolveChannelContactCase.execute(caller, request);
    return { contact: contactMessage(contact), created };
  }

  @GrpcMethod('Contacts')
  async resolveChannelContacts(@Payload() request: Received<'ResolveChannelContacts'>, @Caller() caller: CallerScope) {
    const items = request.items.map(({ identity, correlationId }) => ({ identity: identity ?? { channelId: '', channelType: '', externalId: '' }, correlationId }));
    const resolved = await this.resolveChannelContactsCase.execute(caller, items);
    return { items: resolved.map(({ contact, created }) => ({ contact: contactMessage(contact), created })) };
  }

  @GrpcMethod('Contacts')
  async defineCustomField(@Payload() request: Received<'DefineCustomField'>, @Caller() caller: CallerScope) {
    return customFieldMessage(await this.defineCustomFieldCase.execute(caller, request));
  }

  @GrpcMethod('Contacts')
  async listCustomFields(@Payload() _request: Received<'ListCustomFields'>, @Caller() caller: CallerScope) {
    return { items: (await this.listCustomFieldsCase.execute(caller)).map(customFieldMessage) };
  }
}
