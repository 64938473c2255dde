import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelsController } from './adapters/http/channels.controller';
import { CHANNEL_MODEL, ChannelSchema } from './adapters/mongo/channels.schema';
import { ChannelsRepository } from './adapters/mongo/channels.repository';
import { JetStreamProviderEventLog } from './adapters/nats/provider-event.log';
import { AcceptProviderEvent } from './application/accept-provider-event';
import { CreateChannel } from './application/create-channel';
import { ListChannels } from './application/list-channels';
import { CHANNELS, INGRESS_THROTTLE, PROVIDER_EVENT_LOG } from './application/ports';
import { GatewayRateLimits } from '../common/adapters/redis/gateway-rate-limits';

/** Channels and their signed ingress (API.md "Channels and event ingress"). */
@Module({
  imports: [MongooseModule.forFeature([{ name: CHANNEL_MODEL, schema: ChannelSchema }])],
  controllers: [ChannelsController],
  providers: [
    { provide: CHANNELS, useClass: ChannelsRepository },
    { provide: PROVIDER_EVENT_LOG, useClass: JetStreamProviderEventLog },
    { provide: INGRESS_THROTTLE, useExisting: GatewayRateLimits },
    CreateChannel,
    ListChannels,
    AcceptProviderEvent,
  ],
})
export class ChannelsModule {}
