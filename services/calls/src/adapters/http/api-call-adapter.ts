import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, guardedRequest, OutboundGuard, OutboundRefused, readBounded } from '@omnibox/platform';
import type { CallAction, CallActionResult } from '../../application/ports';
import type { CallsConfig } from '../../config';
import type { CallAdapter } from './call-adapters';
import { OUTBOUND_GUARD } from './outbound';

/** The most of a provider's answer read (its id of the call, or its error). */
const ANSWER_MAX_BYTES = 64 * 1024;

/**
 * The generic adapter of API.md: POSTs `{callId, providerCallId?, channelId, contact, action, on?}` to
 * the channel's `outboundUrl` (through the outbound guard) and takes `{id}` from the answer, when there
 * is one, as the provider's id of the call.
 */
@Injectable()
export class ApiCallAdapter implements CallAdapter {
  constructor(
    @Inject(OUTBOUND_GUARD) private readonly guard: OutboundGuard,
    @Inject(CONFIG) private readonly config: CallsConfig,
  ) {}

  async send(action: CallAction): Promise<CallActionResult> {
    const url = action.channel.config.outboundUrl;
    if (!url) return { ok: false, error: 'the channel has no outboundUrl configured, so call actions cannot reach the provider', retryable: false };
    const body = JSON.stringify({
      callId: action.callId,
      ...(action.providerCallId ? { providerCallId: action.providerCallId } : {}),
      channelId: action.channel.id,
      contact: action.contact,
      action: action.action,
      ...(action.on === undefined ? {} : { on: action.on }),
    });
    try {
      const response = await guardedRequest(url, { guard: this.guard, method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: this.config.CALL_ACTION_TIMEOUT_MS, maxRedirects: 0 });
      const text = (await readBounded(response.body, ANSWER_MAX_BYTES)).bytes.toString('utf8');
      if (response.status < 200 || response.status >= 300) {
        return { ok: false, error: `provider answered ${response.status}: ${providerError(text) ?? text.slice(0, 500)}`, retryable: response.status >= 500 || response.status === 429 || response.status === 408 };
      }
      return { ok: true, providerCallId: providerCallIdOf(text) };
    } catch (error) {
      if (error instanceof OutboundRefused) return { ok: false, error: error.message, retryable: false };
      return { ok: false, error: `provider unreachable: ${(error as Error).message}`, retryable: true };
    }
  }
}

function parsed(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function providerCallIdOf(text: string): string | null {
  const id = parsed(text)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** The provider's own error text when it answers `{error: "…"}`, `{error: {message}}` or `{message}`. */
function providerError(text: string): string | null {
  const body = parsed(text);
  if (!body) return null;
  if (typeof body.error === 'string') return body.error;
  const nested = body.error as { message?: unknown } | undefined;
  if (nested && typeof nested.message === 'string') return nested.message;
  return typeof body.message === 'string' ? body.message : null;
}
