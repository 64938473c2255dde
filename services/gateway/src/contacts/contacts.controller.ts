import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { AddNoteInput, CreateContactInput, DefineCustomFieldInput, FindContactsQuery, MergeContactsInput, UpdateContactInput } from './contacts.dto';
import { ContactsGateway } from './contacts.gateway';
import { Contact, ContactChannels, ContactList, ContactPage, CustomField, CustomFields, Note, NotePage } from './contacts.schemas';

/** API.md "Contacts", served by the contacts service over gRPC. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1')
export class ContactsController {
  constructor(private readonly contacts: ContactsGateway) {}

  @ApiAnswer(201, Contact)
  @ApiErrors(403, 409, 422)
  @Post('contacts')
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateContactInput) {
    return this.contacts.create(principal, input);
  }

  @ApiAnswer(200, ContactPage, 'The contacts matching exactly (at most a few)')
  @Get('contacts')
  find(@CurrentPrincipal() principal: Principal, @Query() query: FindContactsQuery) {
    return this.contacts.find(principal, query);
  }

  @ApiAnswer(200, Contact)
  @Get('contacts/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.contacts.get(principal, id);
  }

  @ApiAnswer(200, Contact)
  @ApiErrors(403)
  @Patch('contacts/:id')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateContactInput) {
    return this.contacts.update(principal, id, input);
  }

  @ApiAnswer(204)
  @ApiErrors(403)
  @Delete('contacts/:id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.contacts.remove(principal, id);
  }

  @ApiAnswer(200, Contact)
  @ApiErrors(403)
  @Post('contacts/:id/block')
  @HttpCode(200)
  block(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.contacts.setBlocked(principal, id, true);
  }

  @ApiAnswer(200, Contact)
  @ApiErrors(403)
  @Post('contacts/:id/unblock')
  @HttpCode(200)
  unblock(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.contacts.setBlocked(principal, id, false);
  }

  @ApiAnswer(200, ContactList)
  @Get('contacts/:id/merge-suggestions')
  mergeSuggestions(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.contacts.mergeSuggestions(principal, id);
  }

  @ApiAnswer(200, Contact, 'The kept contact')
  @ApiErrors(403)
  @Post('contacts/:id/merge')
  @HttpCode(200)
  merge(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: MergeContactsInput) {
    return this.contacts.merge(principal, id, input.sourceContactId);
  }

  @ApiAnswer(201, Note)
  @ApiErrors(403)
  @Post('contacts/:id/notes')
  addNote(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: AddNoteInput) {
    return this.contacts.addNote(principal, id, input.text);
  }

  @ApiAnswer(200, NotePage)
  @Get('contacts/:id/notes')
  listNotes(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ListQuery) {
    return this.contacts.listNotes(principal, id, query);
  }

  @ApiAnswer(200, ContactChannels)
  @Get('contacts/:id/channels')
  channels(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.contacts.channels(principal, id);
  }

  @ApiAnswer(201, CustomField)
  @ApiErrors(403)
  @Post('custom-fields')
  defineCustomField(@CurrentPrincipal() principal: Principal, @Body() input: DefineCustomFieldInput) {
    return this.contacts.defineCustomField(principal, input);
  }

  @ApiAnswer(200, CustomFields)
  @Get('custom-fields')
  listCustomFields(@CurrentPrincipal() principal: Principal) {
    return this.contacts.listCustomFields(principal);
  }
}
