import { createHash } from 'node:crypto';

/**
 * API.md: "Writes that clients may retry accept `Idempotency-Key`; the same key returns the first
 * result." What is remembered of the first request, and what a request with the same key gets.
 */

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The first request with a key: still running, or done with the answer a retry gets again. */
export interface FirstRequest {
  state: 'pending' | 'done';
  /** its fingerprint: a key is for one request only */
  request: string;
  body?: unknown;
}

export type Retry = { outcome: 'replay'; body: unknown } | { outcome: 'in_progress' } | { outcome: 'key_reused' };

/** Only writes are made idempotent; reads are safe to repeat anyway. */
export function isWrite(method: string): boolean {
  return WRITE_METHODS.has(method);
}

export function isIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Tells requests apart: the same method, URL and body are the same request. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([method, url, body ?? null])).digest('base64url');
}

/** What a request gets when its key was used before. */
export function retryOf(first: FirstRequest, fingerprint: string): Retry {
  if (first.request !== fingerprint) return { outcome: 'key_reused' };
  if (first.state === 'pending') return { outcome: 'in_progress' };
  return { outcome: 'replay', body: first.body };
}
