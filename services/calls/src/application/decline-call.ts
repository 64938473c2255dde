import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { decline, isRefusal } from '../domain/agent-actions';
import type { CallView } from '../domain/call';
import { CallerCalls, eventActor, orRefuse, requireUser } from './caller-calls';
import { CallWriter } from './call-writer';
import { ProviderActions } from './provider-actions';

/** An agent declines a ringing incoming call: the provider is told, and the call ends rejected. */
@Injectable()
export class DeclineCall {
  constructor(
    private readonly calls: CallerCalls,
    private readonly writer: CallWriter,
    private readonly provider: ProviderActions,
  ) {}

  async execute(caller: CallerScope, callId: string): Promise<CallView> {
    requireUser(caller);
    const call = await this.calls.visible(caller, callId);
    orRefuse(decline(call, new Date().toISOString()));
    await this.provider.tell(call, 'decline');
    // If the call moved on meanwhile (answered elsewhere, ended by the provider), it is shown as it is.
    const written = await this.writer.apply(call, (state) => {
      const next = decline(state, new Date().toISOString());
      return isRefusal(next) ? null : next;
    }, { actor: eventActor(caller) });
    return this.calls.view(caller, written ?? (await this.calls.visible(caller, callId)));
  }
}
