import { Inject, Injectable } from '@nestjs/common';
import type { ChannelCredentials } from '@omnibox/contracts';
import { CONFIG, dependencyUnavailable, guardedRequest, OutboundGuard, outboundGuardsOf, OutboundRefused, readBounded, ruleViolation } from '@omnibox/platform';
import type { BotWebhookRegistry } from '../../application/ports';
import type { GatewayConfig } from '../../../config';
import type { Channel } from '../../domain/channel';

/** The updates a channel reads; others are never sent to it. */
const ALLOWED_UPDATES = ['message', 'edited_message'];

/**
 * Telegram's `setWebhook` (`POST <apiBaseUrl>/bot<token>/setWebhook`): updates go to the channel's
 * `/v1/channels/<id>/webhook` under PUBLIC_API_URL, with the secret token. The bot token is in the
 * path, so neither the URL nor the request is ever logged.
 */
@Injectable()
export class TelegramBotWebhooks implements BotWebhookRegistry {
  /** `apiBaseUrl` is an endpoint an owner configures: the `configured` outbound rule (SSRF). */
  private readonly guard: OutboundGuard;

  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {
    this.guard = outboundGuardsOf(config).configured;
  }

  async register(channel: Channel, credentials: ChannelCredentials, secretToken: string): Promise<void> {
    if (credentials.kind !== 'telegram_bot' || !channel.config.apiBaseUrl) return;
    const body = JSON.stringify({ url: `${this.config.PUBLIC_API_URL.replace(/\/+$/, '')}/v1/channels/${channel.id}/webhook`, secret_token: secretToken, allowed_updates: ALLOWED_UPDATES });
    let answer: { status: number; text: string };
    try {
      const response = await guardedRequest(`${channel.config.apiBaseUrl}/bot${credentials.botToken}/setWebhook`, { guard: this.guard, method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: this.config.PROVIDER_API_TIMEOUT_MS, maxRedirects: 0 });
      answer = { status: response.status, text: (await readBounded(response.body, 64 * 1024)).bytes.toString('utf8') };
    } catch (error) {
      if (error instanceof OutboundRefused) throw ruleViolation('provider_refused', `config.apiBaseUrl is not allowed: ${error.reason}`);
      throw dependencyUnavailable('the Telegram Bot API');
    }
    const parsed = parseAnswer(answer.text);
    if (answer.status >= 500 || answer.status === 429) throw dependencyUnavailable('the Telegram Bot API', { providerError: parsed.description ?? `HTTP ${answer.status}` });
    if (!parsed.ok) throw ruleViolation('provider_refused', `Telegram refused the webhook: ${parsed.description ?? `HTTP ${answer.status}`}`);
  }
}

function parseAnswer(text: string): { ok: boolean; description?: string } {
  try {
    const body = JSON.parse(text) as { ok?: unknown; description?: unknown };
    return { ok: body.ok === true, description: typeof body.description === 'string' ? body.description.slice(0, 500) : undefined };
  } catch {
    return { ok: false };
  }
}
