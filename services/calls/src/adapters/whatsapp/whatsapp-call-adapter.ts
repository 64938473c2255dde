import { Inject, Injectable } from '@nestjs/common';
import type { ChannelCredentials } from '@omnibox/contracts';
import { CONFIG, getLogger, guardedRequest, OutboundGuard, OutboundRefused, readBounded, SecretSeal, secretSealOf } from '@omnibox/platform';
import type { CallAction, CallActionResult } from '../../application/ports';
import type { CallsConfig } from '../../config';
import type { CallAdapter } from '../http/call-adapters';
import { OUTBOUND_GUARD } from '../http/outbound';
import { callRequest } from './call-requests';

/** Graph API error codes of throttling and passing trouble: worth a retry. */
const PASSING_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016]);

/**
 * WhatsApp Cloud API Calling (see README.md): agents' call actions to
 * `POST {apiBaseUrl}/{version}/{phone-number-id}/calls` (or `/messages` for a permission request) with
 * the channel's access token, opened from its sealed credentials only here.
 */
@Injectable()
export class WhatsAppCallAdapter implements CallAdapter {
  private readonly seal: SecretSeal;

  constructor(
    @Inject(OUTBOUND_GUARD) private readonly guard: OutboundGuard,
    @Inject(CONFIG) private readonly config: CallsConfig,
  ) {
    this.seal = secretSealOf(config);
  }

  async send(action: CallAction): Promise<CallActionResult> {
    const { apiBaseUrl, apiVersion, phoneNumberId } = action.channel.config;
    const token = this.accessToken(action);
    if (!token || !apiBaseUrl || !apiVersion || !phoneNumberId) return { ok: false, error: 'the channel\'s WhatsApp credentials are missing or no longer open', retryable: false };
    const request = callRequest(action);
    if ('nothing' in request) return { ok: true, providerCallId: action.providerCallId };
    if ('refused' in request) return { ok: false, error: request.refused, retryable: false };
    try {
      const response = await guardedRequest(`${apiBaseUrl}/${apiVersion}/${phoneNumberId}/${request.path}`, {
        guard: this.guard,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request.body),
        timeoutMs: this.config.CALL_ACTION_TIMEOUT_MS,
        maxRedirects: 0,
      });
      const body = parsed((await readBounded(response.body, 64 * 1024)).bytes.toString('utf8'));
      if (response.status < 200 || response.status >= 300) {
        const error = (body?.error ?? {}) as { message?: unknown; code?: unknown };
        const code = typeof error.code === 'number' ? error.code : null;
        const text = `${typeof error.message === 'string' ? error.message : `HTTP ${response.status}`}${code !== null ? ` (code ${code})` : ''}`;
        return { ok: false, error: `WhatsApp answered ${response.status}: ${text}`, retryable: response.status >= 500 || response.status === 429 || (code !== null && PASSING_CODES.has(code)) };
      }
      return { ok: true, providerCallId: idOf(body, request.path) ?? action.providerCallId };
    } catch (error) {
      if (error instanceof OutboundRefused) return { ok: false, error: error.message, retryable: false };
      return { ok: false, error: `provider unreachable: ${(error as Error).message}`, retryable: true };
    }
  }

  private accessToken(action: CallAction): string | null {
    if (!action.channel.credentials) return null;
    try {
      const credentials = this.seal.open<ChannelCredentials>(action.channel.credentials, action.channel.id);
      return credentials.kind === 'whatsapp_cloud' ? credentials.accessToken : null;
    } catch (error) {
      getLogger().error({ channelId: action.channel.id, reason: (error as Error).message }, 'channel credentials do not open');
      return null;
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

/** The call id WhatsApp gave a call we placed (`calls[0].id`), or the id of a permission request message (`messages[0].id`). */
function idOf(body: Record<string, unknown> | null, path: 'calls' | 'messages'): string | null {
  const id = ((body?.[path] as Array<{ id?: unknown }> | undefined) ?? [])[0]?.id;
  return typeof id === 'string' ? id : null;
}
