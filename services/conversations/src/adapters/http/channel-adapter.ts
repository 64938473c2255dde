import { Inject, Injectable } from '@nestjs/common';
import type { MessageSnapshot } from '@omnibox/contracts';
import { CONFIG, guardedRequest, OutboundGuard, outboundGuardsOf, OutboundRefused, readBounded, ServiceConfig } from '@omnibox/platform';
import type { ChannelAdapter, Delivery, DeliveryResult } from '../../application/ports';

const SEND_TIMEOUT_MS = 10_000;
const TYPING_TIMEOUT_MS = 2000;

/**
 * The HTTP adapter of API.md: POSTs `{messageId, channelId, contact, message}` to the channel's
 * `outboundUrl` and takes `{id}` from the answer as the provider message id; a file goes as
 * `message.attachment: {id, fileName, contentType, size, kind, url}`, `url` signed and expiring. Used
 * by `api` channels and by every channel not connected to its provider's API (see ChannelAdapters).
 */
@Injectable()
export class HttpChannelAdapter implements ChannelAdapter {
  /** `outboundUrl` is an endpoint an owner configures: no private address in production unless allow-listed (SSRF). */
  private readonly guard: OutboundGuard;

  constructor(@Inject(CONFIG) config: ServiceConfig) {
    this.guard = outboundGuardsOf(config).configured;
  }

  private async post(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
    const response = await guardedRequest(url, { guard: this.guard, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs, maxRedirects: 0 });
    return { status: response.status, text: (await readBounded(response.body, 64 * 1024)).bytes.toString('utf8') };
  }

  async send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult> {
    if (!delivery.outboundUrl) return { ok: false, error: 'The channel has no outboundUrl configured, so nothing can be sent on it', retryable: false };
    const body = {
      messageId: message.id,
      channelId: delivery.channelId,
      contact: { id: delivery.contact.id, externalId: delivery.address, firstName: delivery.contact.firstName, lastName: delivery.contact.lastName },
      message: {
        type: message.type,
        text: message.text ?? undefined,
        // MSG-4: the quoted message only on channels that carry reply context.
        replyToId: delivery.replyContext ? message.replyToId ?? undefined : undefined,
        linkPreview: message.linkPreview ?? undefined,
        template: message.template ?? undefined,
        // CHN-3: the file as a signed URL the provider fetches it from.
        attachment: delivery.attachment,
        email: message.email ?? undefined,
      },
    };
    let response: { status: number; text: string };
    try {
      response = await this.post(delivery.outboundUrl, body, SEND_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof OutboundRefused) return { ok: false, error: `the channel's outboundUrl is not allowed: ${error.reason}`, retryable: false };
      return { ok: false, error: `provider unreachable: ${(error as Error).message}`, retryable: true };
    }
    const text = response.text;
    if (response.status < 200 || response.status >= 300) {
      const detail = providerError(text) ?? (text.slice(0, 500) || `HTTP ${response.status}`);
      return { ok: false, error: `provider answered ${response.status}: ${detail}`, retryable: response.status >= 500 || response.status === 429 || response.status === 408 };
    }
    let id: unknown;
    try {
      id = (JSON.parse(text) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, error: 'provider answer has no message id', retryable: false };
    return { ok: true, providerMessageId: String(id) };
  }

  async typing(delivery: Delivery, typing: boolean): Promise<void> {
    if (!delivery.outboundUrl) return;
    await this.post(delivery.outboundUrl, { typing, channelId: delivery.channelId, contact: { id: delivery.contact.id, externalId: delivery.address } }, TYPING_TIMEOUT_MS).catch(() => undefined);
  }

  /** API.md's generic format has no read receipts. */
  async markRead(): Promise<void> {}
}

/** The provider's own error text when it answers `{error: "…"}` or `{error: {message: "…"}}`. */
function providerError(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (body.error && typeof (body.error as { message?: unknown }).message === 'string') return (body.error as { message: string }).message;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the caller shows the raw text instead.
  }
  return null;
}
