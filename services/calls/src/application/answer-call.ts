import { Injectable } from '@nestjs/common';
import { CallAssignmentRequested, CallerScope } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { Agent, answer, assignedTo, takesContact } from '../domain/agent-actions';
import type { CallView } from '../domain/call';
import { CallerCalls, eventActor, orRefuse, requireUser } from './caller-calls';
import { CallWriter } from './call-writer';
import { VersionedCall } from './ports';
import { ProviderActions } from './provider-actions';

/**
 * CAL-3: an agent answers a ringing call. The first to answer takes it (one conditional write; the
 * other gets 409), then the provider is told; if it cannot be, the call rings again. Once the provider
 * took the answer, an unassigned contact becomes the agent's: shown on the call at once, and assigned
 * through the conversations service (an event written with the call, so a crash cannot lose it).
 */
@Injectable()
export class AnswerCall {
  constructor(
    private readonly calls: CallerCalls,
    private readonly writer: CallWriter,
    private readonly provider: ProviderActions,
  ) {}

  async execute(caller: CallerScope, callId: string): Promise<CallView> {
    requireUser(caller);
    const agent: Agent = { id: caller.principalId, teamIds: caller.teamIds };
    const call = await this.calls.visible(caller, callId);
    const answered = await this.writer.apply(call, (state) => {
      const next = orRefuse(answer(state, agent, new Date().toISOString()));
      return next === state ? null : next;
    }, { actor: eventActor(caller) });
    // Answered by this agent already: the same answer again.
    if (!answered) return this.calls.view(caller, call);
    try {
      await this.provider.tell(answered, 'answer');
    } catch (error) {
      await this.writer.apply(answered, (state) => (state.status === 'ongoing' && state.answeredBy === agent.id ? { ...state, status: 'ringing', answeredBy: null, answeredAt: null } : null));
      throw error;
    }
    return this.calls.view(caller, (await this.takeContact(caller, agent, answered)) ?? answered);
  }

  private takeContact(caller: CallerScope, agent: Agent, call: VersionedCall): Promise<VersionedCall | null> {
    return this.writer.apply(call, (state) => (state.answeredBy === agent.id && takesContact(state, agent) ? assignedTo(state, agent) : null), {
      actor: eventActor(caller),
      extra: (state) => [
        CallAssignmentRequested.create({ workspaceId: state.workspaceId, aggregateId: state.id, data: { callId: state.id, contactId: state.contactId, caller }, actor: eventActor(caller), correlationId: currentCorrelationId() }),
      ],
    });
  }
}
