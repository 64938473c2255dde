import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { dependencyUnavailable, ruleViolation } from '@omnibox/platform';
import type { PermissionState } from '../domain/permissions';
import { CallChannels } from './call-channels';
import { CallContacts } from './call-contacts';
import { requireUser } from './caller-calls';
import { newId } from './ids';
import { CALL_ADAPTERS, CallAdapters, PERMISSIONS, Permissions } from './ports';

/**
 * An agent asks the contact for call permission (WhatsApp; API.md `POST /v1/calls/permission-requests`,
 * 202): the request is stored, then sent through the channel's adapter. The contact's answer arrives
 * as a provider event and shows in the contact's call activity (CAL-5).
 */
@Injectable()
export class RequestPermission {
  constructor(
    private readonly contacts: CallContacts,
    private readonly channels: CallChannels,
    @Inject(PERMISSIONS) private readonly permissions: Permissions,
    @Inject(CALL_ADAPTERS) private readonly adapters: CallAdapters,
  ) {}

  async execute(caller: CallerScope, contactId: string, channelId: string | null): Promise<PermissionState> {
    requireUser(caller);
    const { state: contact } = await this.contacts.visible(caller, contactId);
    if (contact.blocked) throw ruleViolation('contact_blocked', 'The contact is blocked: nothing can reach them until they are unblocked (CNV-8)');
    const { channel, externalId } = await this.channels.choose(caller.workspaceId, contactId, channelId);
    const request: PermissionState = {
      id: newId(),
      workspaceId: caller.workspaceId,
      channelId: channel.id,
      contactId,
      providerRequestId: null,
      status: 'requested',
      requestedAt: new Date().toISOString(),
      answeredAt: null,
      appliedEventIds: [],
    };
    await this.permissions.create(request);
    const result = await this.adapters.send({ callId: request.id, providerCallId: null, channel, contact: { ...contact.contact, externalId }, action: 'permission_request' });
    if (!result.ok) throw result.retryable ? dependencyUnavailable('the call provider', { providerError: result.error }) : ruleViolation('provider_refused', `The call provider refused: ${result.error}`);
    if (!result.providerCallId) return request;
    const providerRequestId = result.providerCallId;
    const stored = await this.permissions.find(request.id);
    if (stored && !stored.providerRequestId) await this.permissions.update(stored.id, stored.version, { ...stored, providerRequestId });
    return { ...request, providerRequestId };
  }
}
