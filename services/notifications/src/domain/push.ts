import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { NotificationKind, NotificationSnapshot } from '@omnibox/contracts';

/**
 * NTF-2 Web Push rules: what a push says and how long it lives, which subscriptions may be pushed to,
 * and what each answer of a push service means.
 */

export type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** How long a push service keeps a push for an offline browser, and how urgent it is, per kind. */
export function deliveryOf(kind: NotificationKind): { ttlSeconds: number; urgency: Urgency } {
  switch (kind) {
    case 'missed_call':
    case 'mentioned':
    case 'assigned':
    case 'snooze_woke':
      return { ttlSeconds: 24 * 3600, urgency: 'high' };
    case 'team_message':
    case 'new_message':
      // A message an hour old is better read in the app than pushed to a phone that wakes up.
      return { ttlSeconds: 3600, urgency: 'normal' };
    default:
      return { ttlSeconds: 24 * 3600, urgency: 'normal' };
  }
}

/** The Web Push `Topic` of a thread (at most 32 URL-safe characters): pushes about one thread replace each other. */
export function topicOf(contactId: string | null, notificationId: string): string {
  return createHash('sha256').update(contactId ?? notificationId).digest('base64url').slice(0, 32);
}

/**
 * How many pushes to one subscription may be on their way at once. Pushes of one thread (`Topic`)
 * replace each other, so only they must go in order; a subscription's other threads go side by side,
 * up to this many, so a browser told of many threads at once is not served one push at a time, and a
 * subscription whose push service hangs still holds only this many of the worker's slots.
 */
export const PUSH_LANES_PER_SUBSCRIPTION = 4;

/** The lane a push goes in: one subscription's pushes of one thread always share a lane, so they stay in order. */
export function pushLaneOf(subscriptionId: string, topic: string): string {
  let hash = 0;
  for (let i = 0; i < topic.length; i++) hash = (hash * 31 + topic.charCodeAt(i)) | 0;
  return `${subscriptionId}|${Math.abs(hash) % PUSH_LANES_PER_SUBSCRIPTION}`;
}

/** What the service worker's `push` event reads (kept well under the 4 KB a push may carry). */
export function pushPayload(notification: NotificationSnapshot): string {
  const { id, kind, title, body, count, contactId, callId, createdAt, updatedAt } = notification;
  return JSON.stringify({ id, kind, title, body, count, contactId, callId, createdAt, updatedAt });
}

/** NTF-2: no push to a user whose realtime socket is open and active, unless they asked for it. */
export function pushWanted(online: boolean, pushWhenOnline: boolean): boolean {
  return !online || pushWhenOnline;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A push endpoint is a URL the push service gave the browser: `https` only in production; the
 * development profile and the tests also accept `http` on loopback, where a stand-in push service runs.
 */
export function endpointProblem(endpoint: string, profile: 'production' | 'development' | 'test'): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol === 'https:') return null;
  const loopback = LOOPBACK_NAMES.has(url.hostname) || (isIP(url.hostname) === 4 && url.hostname.startsWith('127.'));
  if (url.protocol === 'http:' && profile !== 'production' && loopback) return null;
  return profile === 'production' ? 'must be an https URL' : 'must be an https URL (or http on loopback)';
}

/** The subscription's keys as PushManager.subscribe hands them over: a P-256 point and a 16-byte secret. */
export function keysProblem(keys: { p256dh: string; auth: string }): { field: string; message: string } | null {
  const bytes = (text: string) => (/^[A-Za-z0-9_-]+=*$/.test(text) ? Buffer.from(text, 'base64url') : Buffer.alloc(0));
  const point = bytes(keys.p256dh);
  if (point.length !== 65 || point[0] !== 4) return { field: 'keys.p256dh', message: 'must be the URL-safe base64 of an uncompressed P-256 public key (65 bytes)' };
  if (bytes(keys.auth).length !== 16) return { field: 'keys.auth', message: 'must be the URL-safe base64 of a 16-byte secret' };
  return null;
}

/** What one push service answer means for the push and its subscription. */
export type PushOutcome = { outcome: 'sent' } | { outcome: 'gone' } | { outcome: 'retry'; afterMs: number } | { outcome: 'rejected'; reason: string };

/**
 * 2xx: delivered. 404 / 410: the subscription is gone (removed). 429 and 5xx (and no answer at all):
 * try again, after `Retry-After` when the service gives one, else with back-off, up to `maxAttempts`.
 * Any other answer will not change by retrying.
 */
export function pushOutcome(answer: { status: number; retryAfter?: string | null } | null, attempt: number, maxAttempts: number, now: number = Date.now()): PushOutcome {
  const status = answer?.status ?? 0;
  if (status >= 200 && status < 300) return { outcome: 'sent' };
  if (status === 404 || status === 410) return { outcome: 'gone' };
  const transient = status === 0 || status === 429 || status >= 500;
  if (!transient) return { outcome: 'rejected', reason: `the push service answered ${status}` };
  if (attempt >= maxAttempts) return { outcome: 'rejected', reason: `${status === 0 ? 'no answer' : `answered ${status}`} ${attempt} times` };
  const asked = retryAfterMs(answer?.retryAfter ?? null, now);
  return { outcome: 'retry', afterMs: asked ?? Math.min(60_000, 1000 * 2 ** (attempt - 1)) };
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now (at most an hour). */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(ms) ? Math.min(3600_000, Math.max(0, ms)) : null;
}
