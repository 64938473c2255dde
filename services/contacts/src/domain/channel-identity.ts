import { ChannelIdentityRef, NO_ACCESS_GRANTS } from '@omnibox/contracts';
import type { Contact } from './contact-details';
import { normaliseEmail, normalisePhone } from './identifiers';

/** A (channel, external id) pair that reaches a contact (CON-4); a pair reaches at most one contact. */
export interface ChannelIdentity extends ChannelIdentityRef {
  workspaceId: string;
  contactId: string;
  createdAt: Date;
}

export function channelRef(identity: ChannelIdentityRef): ChannelIdentityRef {
  return { channelId: identity.channelId, type: identity.type, externalId: identity.externalId };
}

/** What a channel tells about someone writing for the first time. */
export interface ChannelContact {
  channelId: string;
  channelType: string;
  externalId: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

/**
 * CNV-1: a contact first seen on a channel is created unassigned, named as the channel names them
 * (or by their phone, e-mail or external id). Phone and e-mail the channel gives are kept only when
 * they read as such: the provider's data is never refused.
 */
export function contactFirstSeen(id: string, workspaceId: string, input: ChannelContact, now: Date): Contact {
  return {
    id,
    workspaceId,
    firstName: input.firstName?.trim() || input.phone || input.email || input.externalId,
    lastName: input.lastName?.trim() || null,
    phone: input.phone ? normalisePhone(input.phone) : null,
    email: input.email ? normaliseEmail(input.email) : null,
    language: null,
    countryCode: null,
    gender: null,
    tags: [],
    customFields: {},
    blocked: false,
    access: { ...NO_ACCESS_GRANTS },
    createdAt: now,
    updatedAt: now,
  };
}
