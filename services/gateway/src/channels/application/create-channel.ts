import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ChannelConfig, ChannelCreated, channelConfig, ChannelSnapshot, ChannelType } from '@omnibox/contracts';
import { announce, eventActor, refuse } from '../../directory/application/acting';
import { actorOf, mayManageDirectory } from '../../directory/domain/roles';
import { Channel, channelSnapshot } from '../domain/channel';
import { newChannelSecret } from '../domain/ingress-signature';
import { CHANNELS, ChannelRepository } from './ports';

export interface NewChannel {
  type: ChannelType;
  name: string;
  config?: Partial<ChannelConfig>;
}

/** `POST /v1/channels` (owners and managers): the answer shows the ingress secret, this once. */
@Injectable()
export class CreateChannel {
  constructor(@Inject(CHANNELS) private readonly channels: ChannelRepository) {}

  async execute(scope: CallerScope, input: NewChannel): Promise<ChannelSnapshot & { secret: string }> {
    refuse(mayManageDirectory(actorOf(scope)));
    const channel: Channel = {
      id: this.channels.nextId(),
      workspaceId: scope.workspaceId,
      type: input.type,
      name: input.name.trim(),
      config: channelConfig(input.type, input.config ?? {}),
      secret: newChannelSecret(),
      createdBy: scope.principalId,
      createdAt: new Date(),
    };
    const snapshot = channelSnapshot(channel);
    await this.channels.insert(channel, [announce(ChannelCreated, channel.workspaceId, channel.id, { channel: snapshot }, eventActor(scope))]);
    return { ...snapshot, secret: channel.secret };
  }
}
