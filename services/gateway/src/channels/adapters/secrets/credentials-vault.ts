import { Inject, Injectable } from '@nestjs/common';
import type { ChannelCredentials } from '@omnibox/contracts';
import { CONFIG, getLogger, SecretSeal, secretSealOf } from '@omnibox/platform';
import type { CredentialsVault } from '../../application/ports';
import type { GatewayConfig } from '../../../config';
import type { Channel } from '../../domain/channel';

/** Channel credentials sealed with CHANNEL_CREDENTIALS_KEY (libs/platform SecretSeal), bound to the channel id. */
@Injectable()
export class SealedCredentialsVault implements CredentialsVault {
  private readonly box: SecretSeal;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    this.box = secretSealOf(config);
  }

  seal(channelId: string, credentials: ChannelCredentials): string {
    return this.box.seal(credentials, channelId);
  }

  open(channel: Channel): ChannelCredentials | null {
    if (!channel.credentials) return null;
    try {
      return this.box.open<ChannelCredentials>(channel.credentials, channel.id);
    } catch (error) {
      getLogger().error({ channelId: channel.id, reason: (error as Error).message }, 'channel credentials do not open: re-enter them or restore the previous CHANNEL_CREDENTIALS_KEY');
      return null;
    }
  }
}
