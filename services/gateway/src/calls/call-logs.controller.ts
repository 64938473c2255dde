import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { CallsClient } from './calls.client';
import { CallActivityGroups, CallPage } from './calls.schemas';
import { CallLogQuery } from './calls.dto';
import { activityView, callPageView } from './calls.mappers';

/** API.md "Calls" beside the inbox and the contacts: a view's call log (CAL-4) and a contact's call activity (CAL-5). */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1')
export class CallLogsController {
  constructor(private readonly calls: CallsClient) {}

  /** CAL-4: the Calls tab of a standard or team view, by the same view rules as its conversation list. */
  @ApiAnswer(200, CallPage, 'Newest first')
  @ApiErrors(403)
  @Get('inbox/:view/calls')
  async viewLog(@CurrentPrincipal() principal: Principal, @Param('view') view: string, @Query() query: CallLogQuery) {
    return callPageView(await this.calls.call('ListViewCalls', { view, status: query.status, limit: query.limit ?? 50, cursor: query.cursor }, principal.scope));
  }

  /** CAL-5: the contact's call activity by date in the workspace's time zone, ongoing calls first. */
  @ApiAnswer(200, CallActivityGroups, 'Newest date first, ongoing calls first within a day')
  @Get('contacts/:id/calls')
  async activity(@CurrentPrincipal() principal: Principal, @Param('id') contactId: string) {
    return activityView(await this.calls.call('ListActivity', { contactId }, principal.scope));
  }
}
