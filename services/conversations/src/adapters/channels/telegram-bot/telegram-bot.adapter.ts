import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, MessageSnapshot } from '@omnibox/contracts';
import { CONFIG, OutboundGuard, outboundGuardsOf } from '@omnibox/platform';
import type { ChannelAdapter, Delivery, DeliveryResult, ProviderMedia } from '../../../application/ports';
import type { ConversationsConfig } from '../../../config';
import { ChannelCredentialsReader, NO_CREDENTIALS } from '../channel-credentials';
import { callProvider, passingStatus, ProviderAnswer } from '../provider-call';
import { sendRequest } from './telegram-requests';

/**
 * Telegram Bot API (see README.md): `{apiBaseUrl}/bot<token>/<method>`; messages, files and the typing
 * action out, files in through `getFile`. The token is in every URL, so no URL is ever logged or shown.
 */
@Injectable()
export class TelegramBotAdapter implements ChannelAdapter, ProviderMedia {
  /** `apiBaseUrl` is an endpoint an owner configures: the `configured` outbound rule (SSRF). */
  private readonly guard: OutboundGuard;

  constructor(
    private readonly credentials: ChannelCredentialsReader,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {
    this.guard = outboundGuardsOf(config).configured;
  }

  async send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult> {
    const bot = this.bot(delivery.channel);
    if (!bot) return NO_CREDENTIALS;
    const request = sendRequest(delivery, message);
    if ('refused' in request) return { ok: false, error: request.refused, retryable: false };
    const answer = await this.call(bot, request.method, request.parameters);
    if (!answer.reached) return { ok: false, error: answer.error, retryable: !answer.refused };
    const result = answer.body?.result as { message_id?: unknown; chat?: { id?: unknown } } | undefined;
    if (answer.body?.ok !== true || typeof result?.message_id !== 'number') {
      return { ok: false, error: `Telegram answered ${answer.status}: ${description(answer)}`, retryable: passingStatus(answer.status) };
    }
    return { ok: true, providerMessageId: `${result.chat?.id ?? delivery.address}:${result.message_id}` };
  }

  async typing(delivery: Delivery, typing: boolean): Promise<void> {
    const bot = this.bot(delivery.channel);
    // The action shows for 5 s or until the bot's next message; there is nothing to stop.
    if (bot && typing) await this.call(bot, 'sendChatAction', { chat_id: delivery.address, action: 'typing' });
  }

  /** Bots cannot mark a user's messages read. */
  async markRead(): Promise<void> {}

  async locate(channel: ChannelSnapshot, fileId: string): Promise<{ url: string } | { error: string }> {
    const bot = this.bot(channel);
    if (!bot) return { error: NO_CREDENTIALS.error };
    const answer = await this.call(bot, 'getFile', { file_id: fileId });
    if (!answer.reached) return { error: `the file could not be located: ${answer.error}` };
    const path = (answer.body?.result as { file_path?: unknown } | undefined)?.file_path;
    if (answer.body?.ok !== true || typeof path !== 'string') return { error: `Telegram did not give the file: ${description(answer)}` };
    return { url: `${bot.base}/file/bot${bot.token}/${path}` };
  }

  private call(bot: { base: string; token: string }, method: string, parameters: Record<string, unknown>): Promise<ProviderAnswer> {
    return callProvider(`${bot.base}/bot${bot.token}/${method}`, { guard: this.guard, body: parameters, timeoutMs: this.config.PROVIDER_API_TIMEOUT_MS });
  }

  private bot(channel: ChannelSnapshot | null) {
    const credentials = this.credentials.of(channel, 'telegram_bot');
    const base = channel?.config.apiBaseUrl;
    return credentials && base ? { base, token: credentials.botToken } : null;
  }
}

/** Telegram's own words for a refusal (`{ok: false, error_code, description}`). */
function description(answer: ProviderAnswer): string {
  if (!answer.reached) return answer.error;
  const text = answer.body?.description;
  return typeof text === 'string' ? text.slice(0, 500) : answer.text.slice(0, 200) || `HTTP ${answer.status}`;
}
