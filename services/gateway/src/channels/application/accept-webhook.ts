import { Inject, Injectable } from '@nestjs/common';
import { adapterOf } from '@omnibox/contracts';
import { forbidden, notFound, unauthenticated } from '@omnibox/platform';
import type { Channel } from '../domain/channel';
import { CHANNELS, ChannelRepository, CREDENTIALS_VAULT, CredentialsVault, INGRESS_THROTTLE, IngressThrottle, PROVIDER_EVENT_LOG, PROVIDER_WEBHOOKS, ProviderEventLog, ProviderWebhook, ProviderWebhooks, WebhookRequest } from './ports';
import { providerEventEnvelope } from './provider-event-envelope';

/**
 * `GET` and `POST /v1/channels/{id}/webhook` (API.md "Provider webhooks"): a provider's own webhook,
 * for channels connected to its API. The provider is checked first (WhatsApp's `X-Hub-Signature-256`
 * with the app secret, Telegram's secret token: 401 and nothing stored otherwise); then every event the
 * body carries is stored durably before the 200, each with an id from the provider's ids so the
 * provider's retries are applied once.
 */
@Injectable()
export class AcceptWebhook {
  constructor(
    @Inject(CHANNELS) private readonly channels: ChannelRepository,
    @Inject(CREDENTIALS_VAULT) private readonly vault: CredentialsVault,
    @Inject(PROVIDER_WEBHOOKS) private readonly webhooks: ProviderWebhooks,
    @Inject(PROVIDER_EVENT_LOG) private readonly log: ProviderEventLog,
    @Inject(INGRESS_THROTTLE) private readonly throttle: IngressThrottle,
  ) {}

  /** Answers how many events were stored. */
  async receive(channelId: string, request: WebhookRequest): Promise<number> {
    const { channel, format, credentials } = await this.connected(channelId);
    if (!format.authentic(channel, credentials, request)) {
      throw unauthenticated('The webhook is not signed by this channel\'s provider (X-Hub-Signature-256 with the app secret, or Telegram\'s secret token)', 'bad_signature');
    }
    await this.throttle.ingress(channel.id);
    const receivedAt = new Date().toISOString();
    const events = format.events(channel, request.body);
    await Promise.all(events.map((event) => this.log.append(providerEventEnvelope(channel, event, receivedAt))));
    return events.length;
  }

  /** WhatsApp's verification request: the challenge echoed for the channel's verify token, 403 otherwise. */
  async verify(channelId: string, query: Record<string, unknown>): Promise<string> {
    const { format, credentials } = await this.connected(channelId);
    const challenge = format.challenge(credentials, query);
    if (challenge === null) throw forbidden('hub.verify_token is not this channel\'s verify token', 'bad_verify_token');
    return challenge;
  }

  private async connected(channelId: string): Promise<{ channel: Channel; format: ProviderWebhook; credentials: NonNullable<ReturnType<CredentialsVault['open']>> }> {
    const channel = await this.channels.byId(channelId);
    if (!channel) throw notFound('Channel');
    const format = this.webhooks.of(adapterOf(channel.config));
    const credentials = this.vault.open(channel);
    // Channels on the generic adapter take signed events at /events instead.
    if (!format || !credentials) throw notFound('Provider webhook of this channel');
    return { channel, format, credentials };
  }
}
