import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { getLogger } from '@omnibox/platform';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { NotificationsClient } from '../notifications/notifications.client';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { InboxClient } from './inbox.client';
import { CreateCustomViewInput, InboxListQuery, UpdateCustomViewInput } from './inbox.dto';
import { ConversationPage, CustomView, CustomViewDeleted, CustomViewPage, CustomViewRefreshed, Sidebar, ViewSeen } from './inbox.schemas';
import { conversationPageView, customViewView, filterMessage, sharingMessage, sidebarView } from './inbox.mappers';

/**
 * API.md "Inbox": sidebar, view lists, dots, custom views. A thin mapper over the inbox's gRPC service
 * (the conversations service owns every inbox rule); a request carries the view name and the caller.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('v1')
export class InboxController {
  constructor(
    private readonly inbox: InboxClient,
    private readonly notifications: NotificationsClient,
  ) {}

  /** The sidebar, with the caller's unread notifications beside it (null while the notifications service does not answer). */
  @ApiAnswer(200, Sidebar)
  @Get('inbox')
  async sidebar(@CurrentPrincipal() principal: Principal) {
    const [sidebar, unreadCount] = await Promise.all([this.inbox.call('GetSidebar', { withCustomViews: true }, principal.scope), this.unreadNotifications(principal)]);
    return { ...sidebarView(sidebar), notifications: { unreadCount } };
  }

  /** The sidebar never waits long for, nor fails because of, a count shown beside it. */
  private async unreadNotifications(principal: Principal): Promise<number | null> {
    try {
      return (await this.notifications.call('GetUnreadCount', {}, principal.scope, 1000)).unreadCount;
    } catch (error) {
      getLogger().warn({ err: error }, 'inbox: the unread notification count is not available');
      return null;
    }
  }

  @ApiAnswer(200, ConversationPage)
  @ApiErrors(403)
  @Get('inbox/:view/conversations')
  async list(@CurrentPrincipal() principal: Principal, @Param('view') view: string, @Query() query: InboxListQuery) {
    const page = await this.inbox.call(
      'ListConversations',
      { view, status: query.status ?? 'all', sort: query.sort ?? 'newest', unreplied: query.unreplied === true, limit: query.limit ?? 50, cursor: query.cursor },
      principal.scope,
    );
    return conversationPageView(page);
  }

  @ApiAnswer(200, ViewSeen)
  @ApiErrors(403)
  @Post('inbox/:view/seen')
  @HttpCode(200)
  seen(@CurrentPrincipal() principal: Principal, @Param('view') view: string) {
    return this.inbox.call('MarkViewSeen', { view }, principal.scope);
  }

  @ApiAnswer(201, CustomView)
  @ApiErrors(403)
  @Post('custom-inboxes')
  async create(@CurrentPrincipal() principal: Principal, @Body() input: CreateCustomViewInput) {
    const view = await this.inbox.call('CreateCustomView', { name: input.name, filter: filterMessage(input.filter), sharing: input.sharing ? sharingMessage(input.sharing) : null }, principal.scope);
    return customViewView(view);
  }

  @ApiAnswer(200, CustomViewPage)
  @Get('custom-inboxes')
  async all(@CurrentPrincipal() principal: Principal) {
    const list = await this.inbox.call('ListCustomViews', {}, principal.scope);
    return { items: list.items.map(customViewView), nextCursor: null };
  }

  @ApiAnswer(200, CustomView)
  @ApiErrors(403)
  @Get('custom-inboxes/:id')
  async one(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return customViewView(await this.inbox.call('GetCustomView', { id }, principal.scope));
  }

  @ApiAnswer(200, CustomView)
  @ApiErrors(403)
  @Patch('custom-inboxes/:id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateCustomViewInput) {
    const view = await this.inbox.call(
      'UpdateCustomView',
      { id, name: input.name, filter: input.filter ? filterMessage(input.filter) : null, sharing: input.sharing ? sharingMessage(input.sharing) : null },
      principal.scope,
    );
    return customViewView(view);
  }

  @ApiAnswer(200, CustomViewDeleted)
  @ApiErrors(403)
  @Delete('custom-inboxes/:id')
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.inbox.call('DeleteCustomView', { id }, principal.scope);
  }

  @ApiAnswer(200, CustomViewRefreshed)
  @ApiErrors(403)
  @Post('custom-inboxes/:id/refresh')
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.inbox.call('RefreshCustomView', { id }, principal.scope);
  }
}
