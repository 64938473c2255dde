import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelCreated, ChannelUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { RecordChannel } from '../../application/record-channel';

/** `calls-channels`: the directory's channels (`directory.channel.*`), for the channels read model. */
@Injectable()
export class ChannelEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly record: RecordChannel,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'calls-channels',
      filter: '*.directory.channel.>',
      handle: async (event) => {
        if (ChannelCreated.is(event) || ChannelUpdated.is(event)) await this.record.execute(event.workspaceId, event.data.channel, 'directory');
      },
    });
  }
}
