import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, InboundCallEvent } from '@omnibox/contracts';
import { AppError } from '@omnibox/platform';
import { applyPermissionEvent, PermissionState } from '../domain/permissions';
import { CallContacts } from './call-contacts';
import { permissionIdOf } from './ids';
import { PERMISSIONS, Permissions, VersionedPermission } from './ports';

const MAX_ATTEMPTS = 8;

/**
 * The provider reports a call permission request (WhatsApp): asked, accepted or rejected by the
 * contact (CAL-5 activity). A request we sent is found by our id or the provider's; one the provider
 * reports first is created for the contact.
 */
@Injectable()
export class IngestPermissionEvent {
  constructor(
    private readonly contacts: CallContacts,
    @Inject(PERMISSIONS) private readonly permissions: Permissions,
  ) {}

  async execute(workspaceId: string, channel: ChannelSnapshot, inbound: InboundCallEvent, at: string): Promise<void> {
    const event = { id: inbound.id, kind: inbound.call.event, at };
    let current = await this.existing(workspaceId, channel.id, inbound.call.id);
    if (!current) {
      const { state: contact } = await this.contacts.ofIdentity(workspaceId, channel, inbound.contact);
      const initial: PermissionState = {
        id: permissionIdOf(workspaceId, channel.id, inbound.call.id),
        workspaceId,
        channelId: channel.id,
        contactId: contact.contactId,
        providerRequestId: inbound.call.id,
        status: 'requested',
        requestedAt: at,
        answeredAt: null,
        appliedEventIds: [],
      };
      const first = applyPermissionEvent(initial, event) ?? initial;
      if (await this.permissions.create(first)) return;
      current = await this.permissions.find(initial.id);
    }
    for (let attempt = 0; current && attempt < MAX_ATTEMPTS; attempt++) {
      const next = applyPermissionEvent(current, event);
      if (!next || (await this.permissions.update(current.id, current.version, next))) return;
      current = await this.permissions.find(current.id);
    }
    if (current) throw new AppError(409, 'conflict', 'The permission request changed too often meanwhile; retry');
  }

  private async existing(workspaceId: string, channelId: string, providerRequestId: string): Promise<VersionedPermission | null> {
    const derived = await this.permissions.find(permissionIdOf(workspaceId, channelId, providerRequestId));
    if (derived) return derived;
    const ours = await this.permissions.find(providerRequestId);
    if (ours && ours.workspaceId === workspaceId && ours.channelId === channelId) return ours;
    return this.permissions.findByProviderId(workspaceId, channelId, providerRequestId);
  }
}
