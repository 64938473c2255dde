import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { CHANNELS, Channels } from './ports';

/** How long a send waits for a channel it names that this service has not heard of yet. */
const NEW_CHANNEL_WAIT_MS = 2000;
const NEW_CHANNEL_POLL_MS = 100;

/**
 * The workspace's channels as this service knows them (from the directory's channel events and the
 * snapshot every provider event carries), for the channel switcher (MSG-11).
 */
@Injectable()
export class WorkspaceChannels {
  constructor(@Inject(CHANNELS) private readonly channels: Channels) {}

  /**
   * Every channel of the workspace. A channel named by the caller that is not known yet may have been
   * created a moment ago, its event still on its way: it is waited for, briefly (then the caller
   * answers that it is not a channel of the workspace).
   */
  async list(workspaceId: string, named?: string): Promise<ChannelSnapshot[]> {
    const channels = await this.channels.list(workspaceId);
    if (!named || channels.some((channel) => channel.id === named)) return channels;
    for (const deadline = Date.now() + NEW_CHANNEL_WAIT_MS; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, NEW_CHANNEL_POLL_MS));
      if (await this.channels.find(workspaceId, named)) return this.channels.list(workspaceId);
    }
    return channels;
  }

  find(workspaceId: string, channelId: string): Promise<ChannelSnapshot | null> {
    return this.channels.find(workspaceId, channelId);
  }
}
