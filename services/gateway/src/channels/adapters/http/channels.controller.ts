import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Public } from '../../../auth/principal';
import { AcceptProviderEvent } from '../../application/accept-provider-event';
import { AcceptWebhook } from '../../application/accept-webhook';
import { CreateChannel } from '../../application/create-channel';
import { ListChannels } from '../../application/list-channels';
import { ApiAnswer, ApiErrors } from '../../../openapi/responses';
import { RotateChannelSecret } from '../../application/rotate-channel-secret';
import { channelView } from '../../domain/channel';
import { CreateChannelInput } from './channels.dto';
import { ChannelCreated, ChannelPage } from './channels.schemas';
import { Accepted, PROVIDER_EVENT_EXAMPLES, ProviderEvent } from './provider-event.schema';
import { parseProviderEvent } from './provider-event.parser';

/** API.md "Channels and event ingress" and "Provider webhooks". */
@ApiTags('channels')
@Controller('v1/channels')
export class ChannelsController {
  constructor(
    private readonly createChannel: CreateChannel,
    private readonly listChannels: ListChannels,
    private readonly rotateSecret: RotateChannelSecret,
    private readonly acceptProviderEvent: AcceptProviderEvent,
    private readonly acceptWebhook: AcceptWebhook,
  ) {}

  /** The answer shows the ingress secret this once; provider credentials given in `config` are never shown. */
  @ApiBearerAuth()
  @ApiAnswer(201, ChannelCreated)
  @ApiErrors(403)
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() input: CreateChannelInput) {
    const { secret, ...channel } = await this.createChannel.execute(principal.scope, input);
    return { ...channelView(channel), secret };
  }

  @ApiBearerAuth()
  @ApiAnswer(200, ChannelPage)
  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    const page = await this.listChannels.execute(principal.scope);
    return { ...page, items: page.items.map(channelView) };
  }

  /** A new ingress secret, shown this once (a Telegram bot's webhook gets the new secret token). */
  @ApiBearerAuth()
  @ApiAnswer(200, ChannelCreated)
  @ApiErrors(403)
  @Post(':channelId/secret')
  @HttpCode(200)
  async rotate(@CurrentPrincipal() principal: Principal, @Param('channelId') channelId: string) {
    const { secret, ...channel } = await this.rotateSecret.execute(principal.scope, channelId);
    return { ...channelView(channel), secret };
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

  /** WhatsApp Cloud API webhook verification (served by `mountProviderWebhooks`, webhook.route.ts). */
  @Public()
  @ApiResponse({ status: 200, description: 'The hub.challenge, echoed', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(403)
  @Get(':channelId/webhook')
  verify(@Param('channelId') channelId: string, @Query() query: Record<string, unknown>) {
    return this.acceptWebhook.verify(channelId, query);
  }

  /** WhatsApp Cloud API or Telegram Bot API webhook; 200 once stored (served by `mountProviderWebhooks`). */
  @Public()
  @Post(':channelId/webhook')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Hub-Signature-256', required: false, description: 'WhatsApp: sha256=<hex HMAC-SHA256 of the raw body with the app secret>' })
  @ApiHeader({ name: 'X-Telegram-Bot-Api-Secret-Token', required: false, description: 'Telegram: the secret token given to setWebhook' })
  @ApiBody({ schema: { type: 'object', description: 'The provider\'s own webhook body (WhatsApp Cloud API or Telegram Bot API update)' } })
  @ApiAnswer(200, Accepted, 'Stored durably; processed by the conversations (and calls) service')
  @ApiErrors(401, 404, 413)
  async webhook(@Param('channelId') channelId: string, @Req() request: Request & { rawBody?: Buffer }) {
    await this.acceptWebhook.receive(channelId, { rawBody: request.rawBody, body: request.body, header: (name) => request.header(name) });
    return { accepted: true };
  }
}
