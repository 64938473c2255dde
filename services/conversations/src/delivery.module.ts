import { Module } from '@nestjs/common';
import { DeliverMessage } from './application/deliver-message';
import { SendBroadcast } from './application/send-broadcast';
import { BroadcastsConsumer } from './adapters/nats/broadcasts.consumer';
import { DeliveryConsumer } from './adapters/nats/delivery.consumer';
import { ThreadsModule } from './threads.module';

/** Outbound: each outgoing message handed to its channel's adapter, and accepted broadcasts sent contact by contact. */
@Module({
  imports: [ThreadsModule],
  providers: [DeliverMessage, DeliveryConsumer, SendBroadcast, BroadcastsConsumer],
})
export class DeliveryModule {}
