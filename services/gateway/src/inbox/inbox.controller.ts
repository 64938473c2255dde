import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { CreateCustomViewInput, InboxListQuery, UpdateCustomViewInput } from './inbox.dto';
import { InboxGateway } from './inbox.gateway';

/** API.md "Inbox": sidebar, view lists, dots, custom views. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('v1')
export class InboxController {
  constructor(private readonly inbox: InboxGateway) {}

  @Get('inbox')
  sidebar(@CurrentPrincipal() principal: Principal) {
    return this.inbox.sidebar(principal);
  }

  @Get('inbox/:view/conversations')
  list(@CurrentPrincipal() principal: Principal, @Param('view') view: string, @Query() query: InboxListQuery) {
    return this.inbox.list(principal, view, query);
  }

  @Post('inbox/:view/seen')
  @HttpCode(200)
  seen(@CurrentPrincipal() principal: Principal, @Param('view') view: string) {
    return this.inbox.seen(principal, view);
  }

  @Post('custom-inboxes')
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateCustomViewInput) {
    return this.inbox.createCustomView(principal, input);
  }

  @Get('custom-inboxes')
  all(@CurrentPrincipal() principal: Principal) {
    return this.inbox.listCustomViews(principal);
  }

  @Get('custom-inboxes/:id')
  one(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.inbox.getCustomView(principal, id);
  }

  @Patch('custom-inboxes/:id')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateCustomViewInput) {
    return this.inbox.updateCustomView(principal, id, input);
  }

  @Delete('custom-inboxes/:id')
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.inbox.deleteCustomView(principal, id);
  }

  @Post('custom-inboxes/:id/refresh')
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.inbox.refresh(principal, id);
  }
}
