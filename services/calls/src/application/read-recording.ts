import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { readableRecording } from '../domain/recordings';
import { CallerCalls } from './caller-calls';
import { RECORDINGS, Recordings } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/** The most a read answers at once: the gateway streams a recording chunk by chunk, whatever its size. */
export const RECORDING_CHUNK_BYTES = 1024 * 1024;

export interface RecordingChunk {
  data: Buffer;
  size: number;
  contentType: string;
  start: number;
  end: number;
  fileName: string;
}

/**
 * CAL-5: bytes of a call's stored recording (play, download, seeking with ranges), for whoever may
 * see the call, while the workspace keeps recordings: 404 before the provider delivered it, or while
 * recordings are off, never the data. A range starting past the end answers no bytes with the size
 * (the gateway answers 416).
 */
@Injectable()
export class ReadRecording {
  constructor(
    private readonly calls: CallerCalls,
    private readonly settings: WorkspaceSettingsReader,
    @Inject(RECORDINGS) private readonly recordings: Recordings,
  ) {}

  async execute(caller: CallerScope, callId: string, start: number, end: number | null): Promise<RecordingChunk> {
    const call = await this.calls.visible(caller, callId);
    const recording = readableRecording(call, (await this.settings.of(caller.workspaceId)).calls.recording);
    if (!recording) throw notFound('Recording');
    const extension = recording.contentType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
    const chunk = { size: recording.size, contentType: recording.contentType, fileName: `call-${call.id}.${extension}` };
    if (start >= recording.size) return { ...chunk, data: Buffer.alloc(0), start, end: start - 1 };
    const last = Math.min(end ?? Number.MAX_SAFE_INTEGER, start + RECORDING_CHUNK_BYTES - 1, recording.size - 1);
    return { ...chunk, data: await this.recordings.read(recording.key, start, last), start, end: last };
  }
}
