import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsController } from './adapters/http/channels.controller';
import { ProviderWebhookFormats } from './adapters/http/provider-webhooks';
import { CHANNEL_MODEL, ChannelSchema } from './adapters/mongo/channels.schema';
import { ChannelsRepository } from './adapters/mongo/channels.repository';
import { JetStreamProviderEventLog } from './adapters/nats/provider-event.log';
import { SealedCredentialsVault } from './adapters/secrets/credentials-vault';
import { SmtpIngress } from './adapters/smtp/smtp-ingress';
import { TelegramBotWebhooks } from './adapters/telegram/bot-webhooks';
import { TelegramWebhook } from './adapters/telegram/telegram-webhook';
import { WhatsAppWebhook } from './adapters/whatsapp/whatsapp-webhook';
import { AcceptMail } from './application/accept-mail';
import { AcceptProviderEvent } from './application/accept-provider-event';
import { AcceptWebhook } from './application/accept-webhook';
import { CreateChannel } from './application/create-channel';
import { ListChannels } from './application/list-channels';
import { BOT_WEBHOOK_REGISTRY, CHANNELS, CREDENTIALS_VAULT, INGRESS_THROTTLE, PROVIDER_EVENT_LOG, PROVIDER_WEBHOOKS } from './application/ports';
import { RotateChannelSecret } from './application/rotate-channel-secret';
import { GatewayRateLimits } from '../common/adapters/redis/gateway-rate-limits';

/**
 * Channels and their ingress (API.md "Channels and event ingress", "Provider webhooks"): the signed
 * generic ingress, the WhatsApp and Telegram webhooks, and the SMTP listener of e-mail channels.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: CHANNEL_MODEL, schema: ChannelSchema }])],
  controllers: [ChannelsController],
  providers: [
    { provide: CHANNELS, useClass: ChannelsRepository },
    { provide: PROVIDER_EVENT_LOG, useClass: JetStreamProviderEventLog },
    { provide: INGRESS_THROTTLE, useExisting: GatewayRateLimits },
    { provide: CREDENTIALS_VAULT, useClass: SealedCredentialsVault },
    { provide: BOT_WEBHOOK_REGISTRY, useClass: TelegramBotWebhooks },
    { provide: PROVIDER_WEBHOOKS, useClass: ProviderWebhookFormats },
    WhatsAppWebhook,
    TelegramWebhook,
    CreateChannel,
    ListChannels,
    RotateChannelSecret,
    AcceptProviderEvent,
    AcceptWebhook,
    AcceptMail,
    SmtpIngress,
  ],
})
export class ChannelsModule {}
