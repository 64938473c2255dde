import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { CallerCalls } from './caller-calls';
import { WorkspaceSettingsReader } from './workspace-settings';

/** CAL-5: a call's transcript (view, copy, download) while the workspace keeps transcripts; 404 otherwise or when there is none. */
@Injectable()
export class GetTranscript {
  constructor(
    private readonly calls: CallerCalls,
    private readonly settings: WorkspaceSettingsReader,
  ) {}

  async execute(caller: CallerScope, callId: string): Promise<{ text: string; language: string | null }> {
    const call = await this.calls.visible(caller, callId);
    const keeps = (await this.settings.of(caller.workspaceId)).calls.transcripts;
    if (!keeps || !call.transcript) throw notFound('Transcript');
    return call.transcript;
  }
}
