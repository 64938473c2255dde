import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { CHANNELS, ChannelRepository } from './application/ports';
import { channelSnapshot } from './domain/channel';

/** How stale a workspace's channel list may be for the channel switcher. */
const SWITCHER_MS = 10_000;

/**
 * TRANSITIONAL: the conversations folder sends the workspace's channels with every send, typing and
 * broadcast, read here. Once the conversations service keeps its own channels read model (from
 * `directory.channel.created`), nothing calls this and the file goes.
 */
@Injectable()
export class ChannelsService {
  constructor(@Inject(CHANNELS) private readonly channels: ChannelRepository) {}

  /** The workspace's channels, for the channel switcher (MSG-11); cached briefly unless `fresh`. */
  async ofWorkspace(workspaceId: string, fresh = false): Promise<ChannelSnapshot[]> {
    return (await this.channels.ofWorkspace(workspaceId, fresh ? 0 : SWITCHER_MS)).map(channelSnapshot);
  }
}
