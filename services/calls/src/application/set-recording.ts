import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { setRecording } from '../domain/agent-actions';
import type { CallView } from '../domain/call';
import { CallerCalls, eventActor, orRefuse, requireUser } from './caller-calls';
import { CallWriter } from './call-writer';
import { ProviderActions } from './provider-actions';
import { WorkspaceSettingsReader } from './workspace-settings';

/** CAL-2: recording of an ongoing call on or off, refused (422) while the workspace has recording off. */
@Injectable()
export class SetRecording {
  constructor(
    private readonly calls: CallerCalls,
    private readonly writer: CallWriter,
    private readonly provider: ProviderActions,
    private readonly settings: WorkspaceSettingsReader,
  ) {}

  async execute(caller: CallerScope, callId: string, on: boolean): Promise<CallView> {
    requireUser(caller);
    const call = await this.calls.visible(caller, callId);
    const allowed = (await this.settings.of(caller.workspaceId)).calls.recording;
    orRefuse(setRecording(call, on, allowed));
    await this.provider.tell(call, 'record', on);
    const written = await this.writer.apply(call, (state) => orRefuse(setRecording(state, on, allowed)), { actor: eventActor(caller) });
    return this.calls.view(caller, written ?? call);
  }
}
