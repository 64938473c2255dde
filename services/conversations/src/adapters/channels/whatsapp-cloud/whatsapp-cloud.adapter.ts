import { Inject, Injectable } from '@nestjs/common';
import type { ChannelSnapshot, MessageSnapshot } from '@omnibox/contracts';
import { CONFIG, OutboundGuard, outboundGuardsOf } from '@omnibox/platform';
import type { ChannelAdapter, Delivery, DeliveryResult, ProviderMedia } from '../../../application/ports';
import type { ConversationsConfig } from '../../../config';
import { ChannelCredentialsReader, NO_CREDENTIALS } from '../channel-credentials';
import { callProvider, passingStatus } from '../provider-call';
import { graphError, messageRequest, readRequest } from './whatsapp-payloads';

/**
 * WhatsApp Cloud API (see README.md): messages, read receipts and typing through
 * `POST {apiBaseUrl}/{version}/{phone-number-id}/messages`, media located with
 * `GET {apiBaseUrl}/{version}/{media-id}`; every call with the channel's access token.
 */
@Injectable()
export class WhatsAppCloudAdapter implements ChannelAdapter, ProviderMedia {
  /** `apiBaseUrl` is an endpoint an owner configures: the `configured` outbound rule (SSRF). */
  private readonly guard: OutboundGuard;

  constructor(
    private readonly credentials: ChannelCredentialsReader,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {
    this.guard = outboundGuardsOf(config).configured;
  }

  async send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult> {
    const target = this.target(delivery.channel);
    if (!target) return NO_CREDENTIALS;
    const answer = await callProvider(`${target.base}/${target.phoneNumberId}/messages`, { guard: this.guard, body: messageRequest(delivery, message), headers: target.headers, timeoutMs: this.config.PROVIDER_API_TIMEOUT_MS });
    if (!answer.reached) return { ok: false, error: answer.error, retryable: !answer.refused };
    if (answer.status < 200 || answer.status >= 300) {
      const error = graphError(answer.body, answer.status);
      return { ok: false, error: `WhatsApp answered ${answer.status}: ${error.text}`, retryable: passingStatus(answer.status) || error.passing };
    }
    const id = ((answer.body?.messages as Array<{ id?: unknown }> | undefined) ?? [])[0]?.id;
    if (typeof id !== 'string') return { ok: false, error: 'WhatsApp\'s answer names no message id', retryable: false };
    return { ok: true, providerMessageId: id };
  }

  async typing(delivery: Delivery, typing: boolean): Promise<void> {
    // WhatsApp has no "stopped typing": the indicator ends by itself or with the reply.
    if (typing) await this.read(delivery, true);
  }

  async markRead(delivery: Delivery): Promise<void> {
    await this.read(delivery, false);
  }

  async locate(channel: ChannelSnapshot, mediaId: string): Promise<{ url: string; headers?: Record<string, string> } | { error: string }> {
    const target = this.target(channel);
    if (!target) return { error: NO_CREDENTIALS.error };
    const answer = await callProvider(`${target.base}/${encodeURIComponent(mediaId)}?phone_number_id=${target.phoneNumberId}`, { guard: this.guard, method: 'GET', headers: target.headers, timeoutMs: this.config.PROVIDER_API_TIMEOUT_MS });
    if (!answer.reached) return { error: `the media could not be located: ${answer.error}` };
    const url = answer.body?.url;
    if (answer.status !== 200 || typeof url !== 'string') return { error: `WhatsApp did not give the media: ${graphError(answer.body, answer.status).text}` };
    // The media URL answers only with the same token.
    return { url, headers: target.headers };
  }

  private async read(delivery: Delivery, typing: boolean): Promise<void> {
    const target = this.target(delivery.channel);
    if (!target || !delivery.latestIncomingProviderMessageId) return;
    await callProvider(`${target.base}/${target.phoneNumberId}/messages`, { guard: this.guard, body: readRequest(delivery.latestIncomingProviderMessageId, typing), headers: target.headers, timeoutMs: this.config.PROVIDER_API_TIMEOUT_MS });
  }

  private target(channel: ChannelSnapshot | null) {
    const credentials = this.credentials.of(channel, 'whatsapp_cloud');
    const { apiBaseUrl, apiVersion, phoneNumberId } = channel?.config ?? {};
    if (!credentials || !apiBaseUrl || !apiVersion || !phoneNumberId) return null;
    return { base: `${apiBaseUrl}/${apiVersion}`, phoneNumberId, headers: { authorization: `Bearer ${credentials.accessToken}` } };
  }
}
