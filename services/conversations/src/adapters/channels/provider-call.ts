import { guardedRequest, OutboundGuard, OutboundRefused, readBounded } from '@omnibox/platform';

/** The most of a provider's answer read (ids, errors). */
const ANSWER_MAX_BYTES = 256 * 1024;

export type ProviderAnswer = { reached: true; status: number; body: Record<string, unknown> | null; text: string } | { reached: false; error: string; refused: boolean };

/**
 * One JSON request to a provider's API under the `configured` outbound guard (SSRF), no redirects.
 * The URL may hold a token (Telegram's): it is never part of what this answers.
 */
export async function callProvider(url: string, options: { guard: OutboundGuard; method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; timeoutMs: number }): Promise<ProviderAnswer> {
  try {
    const response = await guardedRequest(url, {
      guard: options.guard,
      method: options.method ?? 'POST',
      headers: { accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      timeoutMs: options.timeoutMs,
      maxRedirects: 0,
    });
    const text = (await readBounded(response.body, ANSWER_MAX_BYTES)).bytes.toString('utf8');
    return { reached: true, status: response.status, body: parseObject(text), text };
  } catch (error) {
    if (error instanceof OutboundRefused) return { reached: false, error: `the provider's address is not allowed: ${error.reason}`, refused: true };
    return { reached: false, error: `provider unreachable: ${(error as Error).message}`, refused: false };
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether a provider's HTTP status may pass on a retry (it is down, busy or throttling). */
export const passingStatus = (status: number) => status >= 500 || status === 429 || status === 408;
