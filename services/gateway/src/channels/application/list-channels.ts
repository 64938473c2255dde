import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ChannelSnapshot } from '@omnibox/contracts';
import type { Page } from '../../common/pagination';
import { channelSnapshot } from '../domain/channel';
import { CHANNELS, ChannelRepository } from './ports';

/** `GET /v1/channels`: every channel of the workspace, read now, never their secrets. */
@Injectable()
export class ListChannels {
  constructor(@Inject(CHANNELS) private readonly channels: ChannelRepository) {}

  async execute(scope: CallerScope): Promise<Page<ChannelSnapshot>> {
    return { items: (await this.channels.ofWorkspace(scope.workspaceId)).map(channelSnapshot), nextCursor: null };
  }
}
