import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Public } from '../../../auth/principal';
import { AcceptProviderEvent } from '../../application/accept-provider-event';
import { CreateChannel } from '../../application/create-channel';
import { ListChannels } from '../../application/list-channels';
import { CreateChannelInput } from './channels.dto';
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
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateChannelInput) {
    return this.createChannel.execute(principal.scope, input);
  }

  @ApiBearerAuth()
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
  @ApiHeader({ name: 'X-Channel-Signature', description: 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the channel secret>' })
  async ingest(@Param('channelId') channelId: string, @Req() request: Request & { rawBody?: Buffer }, @Headers('x-channel-signature') signature?: string) {
    await this.acceptProviderEvent.execute(channelId, request.rawBody, signature, () => parseProviderEvent(request.body));
    return { accepted: true };
  }
}
