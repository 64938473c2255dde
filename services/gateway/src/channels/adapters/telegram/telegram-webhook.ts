import { Injectable } from '@nestjs/common';
import type { ChannelCredentials, ProviderEvent } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import type { ProviderWebhook, WebhookRequest } from '../../application/ports';
import type { Channel } from '../../domain/channel';
import { sameText, telegramSecretToken } from '../../domain/webhook-verification';
import { isObject } from '../webhook-json';
import { updateEvent } from './update.parser';

/**
 * The Telegram Bot API webhook (see README.md): one `Update` per request, carrying the secret token
 * `setWebhook` was given in `X-Telegram-Bot-Api-Secret-Token`. Updates we do not use (a channel post,
 * a callback query …) are acknowledged and dropped.
 */
@Injectable()
export class TelegramWebhook implements ProviderWebhook {
  authentic(channel: Channel, credentials: ChannelCredentials, request: WebhookRequest): boolean {
    return credentials.kind === 'telegram_bot' && sameText(request.header('x-telegram-bot-api-secret-token'), telegramSecretToken(channel.secret));
  }

  challenge(): string | null {
    return null;
  }

  events(_channel: Channel, body: unknown): ProviderEvent[] {
    if (!isObject(body) || typeof body.update_id !== 'number') throw invalidInput('update_id', 'is required: the body must be a Telegram Update');
    const event = updateEvent(body, new Date().toISOString());
    return event ? [event] : [];
  }
}
