import { Inject, Injectable } from '@nestjs/common';
import { assertCleanText } from '@omnibox/platform';
import type { Channel } from '../domain/channel';
import { mailEvent, ReceivedMail } from '../domain/incoming-mail';
import { CHANNELS, ChannelRepository, PROVIDER_EVENT_LOG, ProviderEventLog } from './ports';
import { providerEventEnvelope } from './provider-event-envelope';

/**
 * The SMTP listener's mail (CHN-1, MSG-8): recipients are e-mail channels by address; the mail is
 * stored durably (JetStream) for each workspace it was sent to, once, on the first of its channels
 * there, before the listener answers 250, so an accepted mail is never lost.
 */
@Injectable()
export class AcceptMail {
  constructor(
    @Inject(CHANNELS) private readonly channels: ChannelRepository,
    @Inject(PROVIDER_EVENT_LOG) private readonly log: ProviderEventLog,
  ) {}

  /** The e-mail channel receiving mail at this address, if any (RCPT TO is refused otherwise). */
  recipient(address: string): Promise<Channel | null> {
    return this.channels.byAddress(address.trim().toLowerCase());
  }

  /** Answers how many workspaces got the mail (0: nothing to store, e.g. no sender). */
  async execute(mail: ReceivedMail, raw: Buffer, hostname: string): Promise<number> {
    const event = mailEvent(mail, raw, hostname);
    if (!event) return 0;
    assertCleanText(event);
    const byWorkspace = new Map<string, Channel>();
    for (const address of mail.recipients) {
      const channel = await this.recipient(address);
      if (channel && !byWorkspace.has(channel.workspaceId)) byWorkspace.set(channel.workspaceId, channel);
    }
    const receivedAt = new Date().toISOString();
    await Promise.all([...byWorkspace.values()].map((channel) => this.log.append(providerEventEnvelope(channel, event, receivedAt))));
    return byWorkspace.size;
  }
}
