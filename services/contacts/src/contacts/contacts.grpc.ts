import { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { CONFIG, invalidInput, ServiceConfig } from '@omnibox/platform';
import { withCaller } from '@omnibox/rpc';
import { ContactDoc, CustomFieldDoc, NoteDoc } from './contacts.store';
import { ContactsService } from './contacts.service';

/** Proto3 `optional` fields arrive as absent or as their value; plain strings default to "". */
type Optional<T> = T | undefined;

function parseJsonObject(json: Optional<string>, field: string): Record<string, unknown> | undefined {
  if (json === undefined || json === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalidInput(field, 'must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput(field, 'must be an object of key → value');
  return value as Record<string, unknown>;
}

export function contactMessage(doc: ContactDoc) {
  return {
    id: doc._id,
    firstName: doc.firstName,
    lastName: doc.lastName ?? '',
    phone: doc.phone ?? '',
    email: doc.email ?? '',
    language: doc.language ?? '',
    countryCode: doc.countryCode ?? '',
    gender: doc.gender ?? '',
    tags: doc.tags,
    customFieldsJson: JSON.stringify(doc.customFields ?? {}),
    blocked: doc.blocked,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    assigneeId: doc.access.assigneeId ?? '',
    teamId: doc.access.teamId ?? '',
  };
}

const noteMessage = (note: NoteDoc) => ({ id: note._id, contactId: note.contactId, text: note.text, authorId: note.authorId, createdAt: note.createdAt.toISOString() });
const fieldMessage = (field: CustomFieldDoc) => ({ key: field.key, name: field.name, type: field.type, options: field.options, createdAt: field.createdAt.toISOString() });

interface ContactFields {
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  language?: string;
  countryCode?: string;
  gender?: string;
  tags: string[];
  customFieldsJson?: string;
}

/** The gRPC face of the contacts service (libs/contracts/proto/contacts.proto). */
@Controller()
export class ContactsGrpcController {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  private run<T>(metadata: Metadata, handler: Parameters<typeof withCaller<T>>[2]): Promise<T> {
    return withCaller(metadata, this.config.INTERNAL_SECRET, handler);
  }

  @GrpcMethod('Contacts', 'CreateContact')
  create(request: ContactFields & { firstName: string; assigneeId?: string; teamId?: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) =>
      contactMessage(
        await this.contacts.create(caller, {
          ...request,
          tags: request.tags,
          customFields: parseJsonObject(request.customFieldsJson, 'customFields'),
        }),
      ),
    );
  }

  @GrpcMethod('Contacts', 'GetContact')
  get(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => contactMessage(await this.contacts.visibleContact(caller, request.id)));
  }

  @GrpcMethod('Contacts', 'UpdateContact')
  update(request: ContactFields & { id: string; hasTags: boolean; clear: string[] }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      const { id, hasTags, tags, clear, customFieldsJson, ...details } = request;
      const changes = Object.fromEntries(Object.entries(details).filter(([key, value]) => value !== undefined && !key.startsWith('_')));
      return contactMessage(
        await this.contacts.update(caller, id, {
          ...changes,
          ...(hasTags ? { tags } : {}),
          clear,
          customFields: parseJsonObject(customFieldsJson, 'customFields'),
        }),
      );
    });
  }

  @GrpcMethod('Contacts', 'DeleteContact')
  remove(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      await this.contacts.remove(caller, request.id);
      return {};
    });
  }

  @GrpcMethod('Contacts', 'FindContacts')
  find(request: { phone?: string; email?: string; channelId?: string; externalId?: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: (await this.contacts.find(caller, request)).map(contactMessage) }));
  }

  @GrpcMethod('Contacts', 'BlockContact')
  block(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => contactMessage(await this.contacts.setBlocked(caller, request.id, true)));
  }

  @GrpcMethod('Contacts', 'UnblockContact')
  unblock(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => contactMessage(await this.contacts.setBlocked(caller, request.id, false)));
  }

  @GrpcMethod('Contacts', 'MergeSuggestions')
  suggestions(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: (await this.contacts.mergeSuggestions(caller, request.id)).map(contactMessage) }));
  }

  @GrpcMethod('Contacts', 'MergeContacts')
  merge(request: { targetId: string; sourceId: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => contactMessage(await this.contacts.merge(caller, request.targetId, request.sourceId)));
  }

  @GrpcMethod('Contacts', 'AddNote')
  addNote(request: { contactId: string; text: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => noteMessage(await this.contacts.addNote(caller, request.contactId, request.text)));
  }

  @GrpcMethod('Contacts', 'ListNotes')
  listNotes(request: { contactId: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      const page = await this.contacts.listNotes(caller, request.contactId, Math.min(Math.max(request.limit || 50, 1), 200), request.cursor || undefined);
      return { items: page.items.map(noteMessage), nextCursor: page.nextCursor ?? '' };
    });
  }

  @GrpcMethod('Contacts', 'ListChannels')
  channels(request: { id: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: await this.contacts.channels(caller, request.id) }));
  }

  @GrpcMethod('Contacts', 'ResolveChannelContact')
  resolve(request: { channelId: string; channelType: string; externalId: string; firstName?: string; lastName?: string; phone?: string; email?: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      if (!request.channelId) throw invalidInput('channelId', 'is required');
      if (!request.externalId) throw invalidInput('externalId', 'is required');
      const { contact, created } = await this.contacts.resolveChannelContact(caller, request);
      return { contact: contactMessage(contact), created };
    });
  }

  @GrpcMethod('Contacts', 'DefineCustomField')
  defineCustomField(request: { key: string; name: string; type: string; options: string[] }, metadata: Metadata) {
    return this.run(metadata, async (caller) => fieldMessage(await this.contacts.defineCustomField(caller, request)));
  }

  @GrpcMethod('Contacts', 'ListCustomFields')
  listCustomFields(_request: unknown, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: (await this.contacts.listCustomFields(caller)).map(fieldMessage) }));
  }
}
