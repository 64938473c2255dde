import { Inject, Injectable } from '@nestjs/common';
import { CallAssignmentRequested, CallerScope } from '@omnibox/contracts';
import { currentCorrelationId, getLogger, ruleViolation } from '@omnibox/platform';
import { Agent, assignedTo, takesContact } from '../domain/agent-actions';
import { CallView, newCall } from '../domain/call';
import { finish } from '../domain/call-events';
import { CallChannels } from './call-channels';
import { CallContacts } from './call-contacts';
import { CallerCalls, eventActor, requireUser } from './caller-calls';
import { CallWriter } from './call-writer';
import { newId } from './ids';
import { CALL_ADAPTERS, CallAdapters } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/**
 * An agent calls a contact (API.md `POST /v1/calls`): the call rings on the chosen channel and the
 * provider is asked to connect it. Calling an unassigned contact makes it the agent's (CAL-3). A
 * provider that refuses or cannot be reached leaves the call `failed`, as a message that cannot be
 * delivered is (MSG-2).
 */
@Injectable()
export class PlaceCall {
  constructor(
    private readonly contacts: CallContacts,
    private readonly channels: CallChannels,
    private readonly settings: WorkspaceSettingsReader,
    private readonly writer: CallWriter,
    private readonly calls: CallerCalls,
    @Inject(CALL_ADAPTERS) private readonly adapters: CallAdapters,
  ) {}

  async execute(caller: CallerScope, contactId: string, channelId: string | null): Promise<CallView> {
    requireUser(caller);
    const { state: contact, record } = await this.contacts.visible(caller, contactId);
    if (record.blocked || contact.blocked) throw ruleViolation('contact_blocked', 'The contact is blocked: nothing can reach them until they are unblocked (CNV-8)');
    const { channel, externalId } = await this.channels.choose(caller.workspaceId, contactId, channelId);
    const settings = await this.settings.of(caller.workspaceId);
    const agent: Agent = { id: caller.principalId, teamIds: caller.teamIds };
    const ringing = newCall({
      id: newId(),
      workspaceId: caller.workspaceId,
      channel,
      providerCallId: null,
      contact: contact.contact,
      externalId,
      direction: 'outgoing',
      at: new Date().toISOString(),
      maxDurationSeconds: settings.calls.maxDurationSeconds,
      access: contact.access,
      blocked: false,
    });
    const takes = takesContact(ringing, agent);
    const { call } = await this.writer.create(takes ? assignedTo(ringing, agent) : ringing, {
      actor: eventActor(caller),
      extra: (state) =>
        takes ? [CallAssignmentRequested.create({ workspaceId: state.workspaceId, aggregateId: state.id, data: { callId: state.id, contactId: state.contactId, caller }, actor: eventActor(caller), correlationId: currentCorrelationId() })] : [],
    });
    const result = await this.adapters.send({ callId: call.id, providerCallId: null, channel, contact: { ...contact.contact, externalId }, action: 'connect' });
    const written = result.ok
      ? await this.writer.apply(call, (state) => (result.providerCallId && !state.providerCallId ? { ...state, providerCallId: result.providerCallId } : null))
      : await this.writer.apply(call, (state) => (state.status === 'ringing' ? finish(state, 'failed', 'failed', new Date().toISOString()) : null), { actor: eventActor(caller) });
    if (!result.ok) getLogger().warn({ callId: call.id, providerError: result.error }, 'the provider did not place the call');
    return this.calls.view(caller, written ?? call);
  }
}
