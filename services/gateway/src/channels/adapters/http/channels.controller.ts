import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Public } from '../../../auth/principal';
import { AcceptProviderEvent } from '../../application/accept-provider-event';
import { CreateChannel } from '../../application/create-channel';
import { ListChannels } from '../../application/list-channels';
import { ApiAnswer, ApiErrors } from '../../../openapi/responses';
import { CreateChannelInput } from './channels.dto';
import { ChannelCreated, ChannelPage } from './channels.schemas';
import { Accepted, PROVIDER_EVENT_EXAMPLES, ProviderEvent } from './provider-event.schema';
import { parseProviderEvent } from './provider-event.parser';

/** API.md "Channels and event ingress". */
@ApiTags('channels')
@Controller('v1/channels')
export class ChannelsController {
  constructor(
    private readonly createChannel: CreateChannel,
    private readonly listChannels: ListChannels,
    private readonly acceptProviderEvent: AcceptProviderEvent,
  ) {}

  @ApiBearerAuth()
  @ApiAnswer(201, ChannelCreated)
  @ApiErrors(403)
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateChannelInput) {
    return this.createChannel.execute(principal.scope, input);
  }

  @ApiBearerAuth()
  @ApiAnswer(200, ChannelPage)
  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return this.listChannels.execute(principal.scope);
  }

  /**
   * Signed provider events; 202 once stored durably, processed by the conversations service. Served
   * by `mountProviderIngress` (ingress.route.ts) in front of Nest's router; declared here for the
   * OpenAPI description.
   */
  @Public()
  @Post(':channelId/events')
  @HttpCode(202)
  @ApiHeader({ name: 'X-Channel-Signature', required: true, description: 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel secret>', schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } })
  @ApiBody({ schema: ProviderEvent, examples: Object.fromEntries(Object.entries(PROVIDER_EVENT_EXAMPLES).map(([name, value]) => [name, { value }])) })
  @ApiAnswer(202, Accepted, 'Stored durably; processed by the conversations (and calls) service')
  @ApiErrors(401, 404, 413)
  async ingest(@Param('channelId') channelId: string, @Req() request: Request & { rawBody?: Buffer }, @Headers('x-channel-signature') signature?: string) {
    await this.acceptProviderEvent.execute(channelId, request.rawBody, signature, () => parseProviderEvent(request.body));
    return { accepted: true };
  }
}
