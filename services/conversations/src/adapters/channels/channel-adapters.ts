import { Injectable } from '@nestjs/common';
import { adapterOf, ChannelAdapterKind, ChannelSnapshot, MessageSnapshot } from '@omnibox/contracts';
import type { ChannelAdapter, Delivery, DeliveryResult, ProviderMedia } from '../../application/ports';
import { HttpChannelAdapter } from '../http/channel-adapter';
import { SmtpAdapter } from './smtp/smtp.adapter';
import { TelegramBotAdapter } from './telegram-bot/telegram-bot.adapter';
import { WhatsAppCloudAdapter } from './whatsapp-cloud/whatsapp-cloud.adapter';

/**
 * The channel adapter port, by the channel's adapter (CHN-1): WhatsApp Cloud API, Telegram Bot API and
 * SMTP channels speak their provider's format; every other channel the generic HTTP one. A channel
 * this service does not know yet goes by what was stored with the message (its `outboundUrl`).
 */
@Injectable()
export class ChannelAdapters implements ChannelAdapter, ProviderMedia {
  private readonly adapters: Record<ChannelAdapterKind, ChannelAdapter>;
  private readonly media: Partial<Record<ChannelAdapterKind, ProviderMedia>>;

  constructor(http: HttpChannelAdapter, whatsapp: WhatsAppCloudAdapter, telegram: TelegramBotAdapter, smtp: SmtpAdapter) {
    this.adapters = { http, whatsapp_cloud: whatsapp, telegram_bot: telegram, smtp };
    this.media = { whatsapp_cloud: whatsapp, telegram_bot: telegram };
  }

  send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult> {
    return this.of(delivery).send(delivery, message);
  }

  typing(delivery: Delivery, typing: boolean): Promise<void> {
    return this.of(delivery).typing(delivery, typing).catch(() => undefined);
  }

  markRead(delivery: Delivery): Promise<void> {
    return this.of(delivery).markRead(delivery).catch(() => undefined);
  }

  async locate(channel: ChannelSnapshot, providerFileId: string): Promise<{ url: string; headers?: Record<string, string> } | { error: string }> {
    const media = this.media[adapterOf(channel.config)];
    return media ? media.locate(channel, providerFileId) : { error: `a ${channel.type} channel on the generic adapter gives files by URL, not by id` };
  }

  private of(delivery: Delivery): ChannelAdapter {
    return this.adapters[delivery.channel ? adapterOf(delivery.channel.config) : 'http'];
  }
}
