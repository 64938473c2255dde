import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { contactView } from '../contacts/contacts.mappers';
import { ContactPage } from '../contacts/contacts.schemas';
import { ApiAnswer } from '../openapi/responses';
import { SearchClient } from './search.client';
import { SearchMessagesQuery, SearchQuery } from './search.dto';
import { RecentSearches, SearchHitPage, ThreadHitPage } from './search.schemas';
import { hitView, recentSearchView, threadHitView } from './search.mappers';

/** API.md "Search", served by the search service over gRPC; visibility is applied there, inside the query. */
@ApiTags('search')
@ApiBearerAuth()
@Controller('v1')
export class SearchController {
  constructor(private readonly search: SearchClient) {}

  /** SRH-1/2: contacts by name, phone or e-mail prefix, or an exact custom-field value. */
  @ApiAnswer(200, ContactPage)
  @Get('search/contacts')
  async contacts(@CurrentPrincipal() principal: Principal, @Query() query: SearchQuery) {
    const page = await this.search.call('SearchContacts', { q: query.q ?? '', limit: query.limit ?? 50, cursor: query.cursor }, principal.scope);
    return { items: page.items.map(contactView), nextCursor: page.nextCursor ?? null };
  }

  /** SRH-4/5/6: messages and comments of every visible thread, newest first. */
  @ApiAnswer(200, SearchHitPage, 'Newest first')
  @Get('search/messages')
  async messages(@CurrentPrincipal() principal: Principal, @Query() query: SearchMessagesQuery) {
    const page = await this.search.call('SearchMessages', { q: query.q ?? '', scope: query.scope, limit: query.limit ?? 50, cursor: query.cursor }, principal.scope);
    return { items: page.items.map(hitView), nextCursor: page.nextCursor ?? null };
  }

  /** SRH-8: the caller's recent searches, newest first. */
  @ApiAnswer(200, RecentSearches)
  @Get('search/recent')
  async recent(@CurrentPrincipal() principal: Principal) {
    const { items } = await this.search.call('RecentSearches', {}, principal.scope);
    return { items: items.map(recentSearchView) };
  }

  /** SRH-7: matches inside one thread in timeline order (oldest first), for next / previous. */
  @ApiAnswer(200, ThreadHitPage, 'In timeline order')
  @Get('conversations/:contactId/search')
  async thread(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Query() query: SearchQuery) {
    const page = await this.search.call('SearchThread', { contactId, q: query.q ?? '', limit: query.limit ?? 50, cursor: query.cursor }, principal.scope);
    return { items: page.items.map(threadHitView), nextCursor: page.nextCursor ?? null };
  }
}
