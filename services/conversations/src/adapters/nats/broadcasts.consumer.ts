import { Injectable, OnModuleInit } from '@nestjs/common';
import { BroadcastRequested } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { SendBroadcast } from '../../application/send-broadcast';

/** `conversations-broadcasts`: each accepted broadcast, sent contact by contact. */
@Injectable()
export class BroadcastsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly send: SendBroadcast,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-broadcasts',
      filter: `*.${BroadcastRequested.type}`,
      handle: async (event) => {
        if (!BroadcastRequested.is(event)) return;
        const { broadcastId, contactIds, message, senderName } = event.data;
        await this.send.execute({ workspaceId: event.workspaceId, broadcastId, contactIds, message, senderName });
      },
    });
  }
}
