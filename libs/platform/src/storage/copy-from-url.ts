import { guardedRequest, GuardedResponse } from '../net/guarded-request';
import { OutboundGuard, OutboundRefused } from '../net/outbound-guard';
import type { ObjectStorage } from './object-storage';
import type { StoredObject } from './put-stream';
import { sniffBody } from './sniffed-body';
import { ObjectTooLargeError, StorageUnavailableError } from './storage-errors';

export interface RemoteCopyOptions {
  /** Where the download may go: the `configured` guard for what providers hand us (media, recordings). */
  guard: OutboundGuard;
  /** Bytes the file may have; a longer one is not kept. */
  maxBytes: number;
  /** One attempt, from connecting to the last byte. */
  timeoutMs: number;
  /** Attempts in all; only failures that may pass (network, time, 5xx, 429, the store) are tried again. */
  attempts: number;
  /** Pause before the second attempt, doubling after (default 500 ms). */
  retryDelayMs?: number;
  /** Headers of the download (a provider's bearer token, say). */
  headers?: Record<string, string>;
}

export type RemoteCopy =
  | { stored: true; object: StoredObject; contentType: string }
  /** Not copied; `reason` says why in words an agent can read. */
  | { stored: false; reason: string };

type Attempt = RemoteCopy | { stored: false; reason: string; retryable: boolean };

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Copies a file a provider serves at `url` into the store under `key` (CHN-3: provider URLs expire),
 * streaming it (never more than one part in memory), its type sniffed from its first bytes. The
 * download goes only where the guard allows, within a size and a time limit, and is tried again a few
 * times when the failure may pass. It never throws: a file that cannot be had answers why, so the
 * caller can keep what it was copying for (a message, a call) and show the file as unavailable.
 */
export async function copyFromUrl(storage: ObjectStorage, url: string, key: string, options: RemoteCopyOptions, fileName?: string): Promise<RemoteCopy> {
  let pause = options.retryDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    const outcome: Attempt = await copyOnce(storage, url, key, options, fileName).catch((error: unknown) => ({ stored: false as const, reason: `the copy failed: ${messageOf(error)}`, retryable: true }));
    if (outcome.stored) return outcome;
    const retryable = 'retryable' in outcome && outcome.retryable;
    if (!retryable || attempt >= options.attempts) return { stored: false, reason: outcome.reason };
    await delay(pause);
    pause *= 2;
  }
}

async function copyOnce(storage: ObjectStorage, url: string, key: string, options: RemoteCopyOptions, fileName?: string): Promise<Attempt> {
  let response: GuardedResponse;
  try {
    response = await guardedRequest(url, { guard: options.guard, timeoutMs: options.timeoutMs, headers: { 'user-agent': 'omnibox-media-copy', ...options.headers } });
  } catch (error) {
    if (error instanceof OutboundRefused) return { stored: false, reason: `the file's address is not allowed (${error.reason})`, retryable: false };
    return { stored: false, reason: `the file could not be downloaded: ${messageOf(error)}`, retryable: true };
  }
  if (response.status !== 200) {
    response.body.destroy();
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    return { stored: false, reason: `the provider answered ${response.status} for the file`, retryable };
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.body.destroy();
    return { stored: false, reason: tooLarge(options.maxBytes), retryable: false };
  }
  try {
    const sniffed = await sniffBody(response.body, fileName);
    if (sniffed.empty) return { stored: false, reason: 'the provider served an empty file', retryable: false };
    const object = await storage.put(key, sniffed.body, { contentType: sniffed.contentType, maxBytes: options.maxBytes });
    return { stored: true, object, contentType: sniffed.contentType };
  } catch (error) {
    response.body.destroy();
    if (error instanceof ObjectTooLargeError) return { stored: false, reason: tooLarge(options.maxBytes), retryable: false };
    if (error instanceof StorageUnavailableError) return { stored: false, reason: 'object storage was unavailable', retryable: true };
    return { stored: false, reason: `the download broke off: ${messageOf(error)}`, retryable: true };
  }
}

const tooLarge = (maxBytes: number) => `the file is larger than the limit of ${maxBytes} bytes`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
