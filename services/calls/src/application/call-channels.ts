import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot } from '@omnibox/contracts';
import { invalidInput, ruleViolation } from '@omnibox/platform';
import { pickCallChannel } from '../domain/call-channel';
import { CALLS, Calls, CHANNELS, Channels, CONTACTS, Contacts } from './ports';

/**
 * The channel an agent's outgoing call (or permission request) goes out on, among the workspace's
 * channels this service knows (its read model of the directory's channels) and the contact's
 * identities (the contacts service): 400 for a channel that is not the workspace's, 422 when the
 * contact cannot be called there.
 */
@Injectable()
export class CallChannels {
  constructor(
    @Inject(CHANNELS) private readonly channels: Channels,
    @Inject(CONTACTS) private readonly contacts: Contacts,
    @Inject(CALLS) private readonly calls: Calls,
  ) {}

  async choose(workspaceId: string, contactId: string, named: string | null): Promise<{ channel: ChannelSnapshot; externalId: string }> {
    const [channels, identities, calls] = await Promise.all([this.channels.list(workspaceId), this.contacts.identities(workspaceId, contactId), this.calls.ofContact(contactId)]);
    const latest = calls.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
    const choice = pickCallChannel({ named, channels, identities, latestCallChannelId: latest?.channelId ?? null });
    if (choice.ok) return choice;
    if ('field' in choice) throw invalidInput(choice.field, choice.message);
    throw ruleViolation(choice.refused, choice.message);
  }
}
