import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ContactSnapshot } from '@omnibox/contracts';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { SearchClient } from './search.client';
import { SearchMessagesQuery, SearchQuery } from './search.dto';

interface HitPage {
  items: Array<{ contactId: string; id: string; kind: string; createdAt: string; snippet: string }>;
  nextCursor: string;
}

/** API.md "Search", served by the search service over gRPC; visibility is applied there, inside the query. */
@ApiTags('search')
@ApiBearerAuth()
@Controller('v1')
export class SearchController {
  constructor(private readonly search: SearchClient) {}

  /** SRH-1/2: contacts by name, phone or e-mail prefix, or an exact custom-field value. */
  @Get('search/contacts')
  async contacts(@CurrentPrincipal() principal: Principal, @Query() query: SearchQuery) {
    const page = await this.search.callUntyped<{ contactsJson: string[]; nextCursor: string }>(
      'SearchContacts',
      { q: query.q ?? '', limit: query.limit ?? 50, cursor: query.cursor ?? '' },
      principal.scope,
    );
    return { items: page.contactsJson.map((json) => contactView(JSON.parse(json) as ContactSnapshot)), nextCursor: page.nextCursor || null };
  }

  /** SRH-4/5/6: messages and comments of every visible thread, newest first. */
  @Get('search/messages')
  async messages(@CurrentPrincipal() principal: Principal, @Query() query: SearchMessagesQuery) {
    const page = await this.search.callUntyped<HitPage>('SearchMessages', { q: query.q ?? '', scope: query.scope ?? '', limit: query.limit ?? 50, cursor: query.cursor ?? '' }, principal.scope);
    return { items: page.items, nextCursor: page.nextCursor || null };
  }

  /** SRH-8: the caller's recent searches, newest first. */
  @Get('search/recent')
  recent(@CurrentPrincipal() principal: Principal) {
    return this.search.callUntyped<{ items: Array<{ q: string; scope: string; at: string }> }>('RecentSearches', {}, principal.scope);
  }

  /** SRH-7: matches inside one thread in timeline order (oldest first), for next / previous. */
  @Get('conversations/:contactId/search')
  async thread(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Query() query: SearchQuery) {
    const page = await this.search.callUntyped<HitPage>('SearchThread', { contactId, q: query.q ?? '', limit: query.limit ?? 50, cursor: query.cursor ?? '' }, principal.scope);
    return { items: page.items.map(({ contactId: _contactId, ...hit }) => hit), nextCursor: page.nextCursor || null };
  }
}

/** API.md `contact` (the shape GET /v1/contacts/{id} answers). */
function contactView(contact: ContactSnapshot) {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName ?? null,
    phone: contact.phone ?? null,
    email: contact.email ?? null,
    language: contact.language ?? null,
    countryCode: contact.countryCode ?? null,
    gender: contact.gender ?? null,
    tags: contact.tags ?? [],
    customFields: contact.customFields ?? {},
    blocked: contact.blocked,
    assigneeId: contact.assigneeId ?? null,
    teamId: contact.teamId ?? null,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}
