import { Injectable } from '@nestjs/common';
import type { ChannelAdapterKind } from '@omnibox/contracts';
import type { ProviderWebhook, ProviderWebhooks } from '../../application/ports';
import { TelegramWebhook } from '../telegram/telegram-webhook';
import { WhatsAppWebhook } from '../whatsapp/whatsapp-webhook';

/** The webhook format of each provider adapter; `http` and `smtp` channels have none. */
@Injectable()
export class ProviderWebhookFormats implements ProviderWebhooks {
  private readonly formats: Partial<Record<ChannelAdapterKind, ProviderWebhook>>;

  constructor(whatsapp: WhatsAppWebhook, telegram: TelegramWebhook) {
    this.formats = { whatsapp_cloud: whatsapp, telegram_bot: telegram };
  }

  of(adapter: ChannelAdapterKind): ProviderWebhook | null {
    return this.formats[adapter] ?? null;
  }
}
