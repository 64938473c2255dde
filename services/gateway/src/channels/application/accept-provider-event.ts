import { Inject, Injectable } from '@nestjs/common';
import type { ProviderEvent } from '@omnibox/contracts';
import { notFound, unauthenticated } from '@omnibox/platform';
import { signatureMatches } from '../domain/ingress-signature';
import { CHANNELS, ChannelRepository, INGRESS_THROTTLE, IngressThrottle, PROVIDER_EVENT_LOG, ProviderEventLog } from './ports';
import { providerEventEnvelope } from './provider-event-envelope';

/**
 * `POST /v1/channels/{id}/events`: a signed provider event, stored durably before the 202 so it
 * survives the conversations service being down. JetStream drops a provider's retry of the same event
 * within its window, and the conversations service ignores it after that.
 */
@Injectable()
export class AcceptProviderEvent {
  constructor(
    @Inject(CHANNELS) private readonly channels: ChannelRepository,
    @Inject(PROVIDER_EVENT_LOG) private readonly log: ProviderEventLog,
    @Inject(INGRESS_THROTTLE) private readonly throttle: IngressThrottle,
  ) {}

  /** Checks the signature before anything else is looked at; `parse` reads the body only then. */
  async execute(channelId: string, rawBody: Buffer | undefined, signature: string | undefined, parse: () => ProviderEvent): Promise<void> {
    const channel = await this.channels.byId(channelId);
    if (!channel) throw notFound('Channel');
    if (!signatureMatches(channel.secret, rawBody, signature)) {
      throw unauthenticated('X-Channel-Signature must be sha256=<hex HMAC-SHA256 of the raw body keyed with the channel secret>', 'bad_signature');
    }
    // After the signature: only the channel's own provider can use up its budget.
    await this.throttle.ingress(channel.id);
    await this.log.append(providerEventEnvelope(channel, parse()));
  }
}
