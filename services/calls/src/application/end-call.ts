import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { end, isRefusal } from '../domain/agent-actions';
import type { CallView } from '../domain/call';
import { CallerCalls, eventActor, orRefuse, requireUser } from './caller-calls';
import { CallWriter } from './call-writer';
import { ProviderActions } from './provider-actions';

/** CAL-2: an agent ends an ongoing call (or gives up an outgoing one still ringing): the provider is told, then the call ends. */
@Injectable()
export class EndCall {
  constructor(
    private readonly calls: CallerCalls,
    private readonly writer: CallWriter,
    private readonly provider: ProviderActions,
  ) {}

  async execute(caller: CallerScope, callId: string): Promise<CallView> {
    requireUser(caller);
    const call = await this.calls.visible(caller, callId);
    orRefuse(end(call, new Date().toISOString()));
    await this.provider.tell(call, 'end');
    const written = await this.writer.apply(call, (state) => {
      const next = end(state, new Date().toISOString());
      return isRefusal(next) ? null : next;
    }, { actor: eventActor(caller) });
    return this.calls.view(caller, written ?? (await this.calls.visible(caller, callId)));
  }
}
