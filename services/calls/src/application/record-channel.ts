import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { CHANNELS, Channels } from './ports';

/**
 * Keeps the workspace's channels (where calls go out, and their adapters' settings) from what the
 * directory announces (`directory.channel.*`, authoritative) and from the snapshot every provider event
 * carries, which fills in a channel whose directory event has not arrived yet.
 */
@Injectable()
export class RecordChannel {
  constructor(@Inject(CHANNELS) private readonly channels: Channels) {}

  execute(workspaceId: string, channel: ChannelSnapshot, source: 'directory' | 'provider_event'): Promise<void> {
    return source === 'directory' ? this.channels.save(workspaceId, channel) : this.channels.saveIfUnknown(workspaceId, channel);
  }
}
