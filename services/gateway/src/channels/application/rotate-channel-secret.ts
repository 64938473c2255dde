import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ChannelSnapshot } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { refuse } from '../../directory/application/acting';
import { actorOf, mayManageDirectory } from '../../directory/domain/roles';
import { channelSnapshot } from '../domain/channel';
import { newChannelSecret } from '../domain/ingress-signature';
import { telegramSecretToken } from '../domain/webhook-verification';
import { BOT_WEBHOOK_REGISTRY, BotWebhookRegistry, CHANNELS, ChannelRepository, CREDENTIALS_VAULT, CredentialsVault } from './ports';

/**
 * `POST /v1/channels/{id}/secret` (owners and managers): a new ingress secret, shown this once; the
 * old one stops working. A Telegram bot's webhook is registered again with the secret token derived
 * from the new secret first, so its updates keep arriving.
 */
@Injectable()
export class RotateChannelSecret {
  constructor(
    @Inject(CHANNELS) private readonly channels: ChannelRepository,
    @Inject(CREDENTIALS_VAULT) private readonly vault: CredentialsVault,
    @Inject(BOT_WEBHOOK_REGISTRY) private readonly bots: BotWebhookRegistry,
  ) {}

  async execute(scope: CallerScope, channelId: string): Promise<ChannelSnapshot & { secret: string }> {
    refuse(mayManageDirectory(actorOf(scope)));
    const channel = await this.channels.byId(channelId);
    if (!channel || channel.workspaceId !== scope.workspaceId) throw notFound('Channel');
    const secret = newChannelSecret();
    const credentials = this.vault.open(channel);
    if (credentials?.kind === 'telegram_bot') await this.bots.register(channel, credentials, telegramSecretToken(secret));
    await this.channels.replaceSecret(channel.id, secret);
    return { ...channelSnapshot(channel), secret };
  }
}
