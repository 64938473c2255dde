import { Inject, Injectable } from '@nestjs/common';
import type { ChannelCredentials, ChannelSnapshot } from '@omnibox/contracts';
import { CONFIG, getLogger, SecretSeal, secretSealOf } from '@omnibox/platform';
import type { ConversationsConfig } from '../../config';

/**
 * Opens a channel's sealed credentials (CHANNEL_CREDENTIALS_KEY, libs/platform SecretSeal) for the
 * adapter about to use them; they are never stored or logged opened.
 */
@Injectable()
export class ChannelCredentialsReader {
  private readonly seal: SecretSeal;

  constructor(@Inject(CONFIG) config: ConversationsConfig) {
    this.seal = secretSealOf(config);
  }

  /** The credentials of this kind, or null (none, another kind, or a key since dropped). */
  of<K extends ChannelCredentials['kind']>(channel: ChannelSnapshot | null, kind: K): Extract<ChannelCredentials, { kind: K }> | null {
    if (!channel?.credentials) return null;
    try {
      const opened = this.seal.open<ChannelCredentials>(channel.credentials, channel.id);
      return opened.kind === kind ? (opened as Extract<ChannelCredentials, { kind: K }>) : null;
    } catch (error) {
      getLogger().error({ channelId: channel.id, reason: (error as Error).message }, 'channel credentials do not open: re-enter them or restore the previous CHANNEL_CREDENTIALS_KEY');
      return null;
    }
  }
}

/** The delivery outcome when a channel's credentials cannot be had (they will not appear on a retry). */
export const NO_CREDENTIALS = { ok: false as const, error: 'The channel\'s provider credentials are missing or no longer open; enter them again', retryable: false };
