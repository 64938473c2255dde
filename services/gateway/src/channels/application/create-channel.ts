import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ChannelConfig, ChannelCreated, channelConfig, ChannelSnapshot, ChannelType } from '@omnibox/contracts';
import { conflict, invalidInput } from '@omnibox/platform';
import { announce, eventActor, refuse } from '../../directory/application/acting';
import { actorOf, mayManageDirectory } from '../../directory/domain/roles';
import { Channel, channelSnapshot } from '../domain/channel';
import { newChannelSecret } from '../domain/ingress-signature';
import { ProviderConfigInput, providerConnection } from '../domain/provider-connection';
import { telegramSecretToken } from '../domain/webhook-verification';
import { BOT_WEBHOOK_REGISTRY, BotWebhookRegistry, CHANNELS, ChannelRepository, CREDENTIALS_VAULT, CredentialsVault } from './ports';

export interface NewChannel {
  type: ChannelType;
  name: string;
  config?: Partial<Pick<ChannelConfig, 'messagingWindowHours' | 'supportsReplyContext' | 'supportsLinkPreview' | 'supportsTyping'>> & ProviderConfigInput;
}

/**
 * `POST /v1/channels` (owners and managers): the answer shows the ingress secret, this once. A channel
 * connected to its provider's API (CHN-1) keeps its credentials sealed; a Telegram bot gets its webhook
 * registered (`setWebhook` with a secret token) before the channel exists, so no update is missed.
 */
@Injectable()
export class CreateChannel {
  constructor(
    @Inject(CHANNELS) private readonly channels: ChannelRepository,
    @Inject(CREDENTIALS_VAULT) private readonly vault: CredentialsVault,
    @Inject(BOT_WEBHOOK_REGISTRY) private readonly bots: BotWebhookRegistry,
  ) {}

  async execute(scope: CallerScope, input: NewChannel): Promise<ChannelSnapshot & { secret: string }> {
    refuse(mayManageDirectory(actorOf(scope)));
    const given = input.config ?? {};
    const connection = providerConnection(input.type, given);
    if ('field' in connection) throw invalidInput(connection.field, connection.message);
    const { address } = connection.config;
    if (address && (await this.channels.byAddress(address))) throw conflict(`An e-mail channel already receives mail for ${address}`, 'address_taken', { field: 'config.address' });
    const id = this.channels.nextId();
    const channel: Channel = {
      id,
      workspaceId: scope.workspaceId,
      type: input.type,
      name: input.name.trim(),
      config: channelConfig(input.type, {
        outboundUrl: given.outboundUrl,
        messagingWindowHours: given.messagingWindowHours,
        supportsReplyContext: given.supportsReplyContext,
        supportsLinkPreview: given.supportsLinkPreview,
        supportsTyping: given.supportsTyping,
        ...connection.config,
      }),
      secret: newChannelSecret(),
      credentials: connection.credentials ? this.vault.seal(id, connection.credentials) : null,
      createdBy: scope.principalId,
      createdAt: new Date(),
    };
    if (connection.credentials?.kind === 'telegram_bot') await this.bots.register(channel, connection.credentials, telegramSecretToken(channel.secret));
    const snapshot = channelSnapshot(channel);
    await this.channels.insert(channel, [announce(ChannelCreated, channel.workspaceId, channel.id, { channel: snapshot }, eventActor(scope))]);
    return { ...snapshot, secret: channel.secret };
  }
}
