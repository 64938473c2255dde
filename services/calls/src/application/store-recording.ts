import { Inject, Injectable } from '@nestjs/common';
import { getLogger } from '@omnibox/platform';
import { recordingDropped, recordingKey, recordingStored } from '../domain/recordings';
import { CallWriter } from './call-writer';
import { CALLS, Calls, RECORDINGS, Recordings } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/**
 * CAL-5: a recording the provider delivered is copied into object storage (provider URLs expire), then
 * the call's recording is available. Recordings turned off meanwhile: nothing is stored. Safe to run
 * twice: a recording stored already is not copied again.
 */
@Injectable()
export class StoreRecording {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(RECORDINGS) private readonly recordings: Recordings,
    private readonly writer: CallWriter,
    private readonly settings: WorkspaceSettingsReader,
  ) {}

  async execute(callId: string, url: string): Promise<void> {
    const call = await this.calls.find(callId);
    if (!call || call.recording.source?.url !== url) return;
    if (!(await this.settings.of(call.workspaceId)).calls.recording) {
      await this.writer.apply(call, (state) => recordingDropped(state, url));
      return;
    }
    const key = recordingKey(call.workspaceId, call.id);
    const stored = await this.recordings.copy(key, url, call.recording.source.contentType);
    await this.writer.apply(call, (state) => recordingStored(state, url, { key, ...stored }));
    getLogger().info({ callId, size: stored.size }, 'call recording stored');
  }
}
