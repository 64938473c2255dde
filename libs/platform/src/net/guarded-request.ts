import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { OutboundGuard, OutboundRefused } from './outbound-guard';

export interface GuardedRequestOptions {
  guard: OutboundGuard;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Whole request, redirects included. */
  timeoutMs: number;
  /** Redirects followed (each hop checked again); 0 answers the 3xx itself. */
  maxRedirects?: number;
}

export interface GuardedResponse {
  status: number;
  headers: IncomingMessage['headers'];
  /** The final URL after redirects. */
  url: string;
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One server-side HTTP request under an OutboundGuard: the URL and every redirect hop are checked, and
 * the connection goes only to resolved addresses the guard allows. Answers the response with its body
 * as a stream (the caller bounds how much it reads); the time limit covers connect, redirects and the
 * headers, and then stays on the body until it ends.
 */
export function guardedRequest(raw: string, options: GuardedRequestOptions): Promise<GuardedResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const hop = (target: string, left: number, method: string, body: Buffer | string | undefined): Promise<GuardedResponse> =>
    new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = options.guard.checkUrl(target);
      } catch (error) {
        reject(error);
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return reject(new Error(`timed out after ${options.timeoutMs} ms`));
      const req = client.request(url, { method, headers: options.headers, lookup: options.guard.lookup as never, timeout: remaining });
      const timer = setTimeout(() => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), remaining);
      req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
      req.on('error', (error) => {
        clearTimeout(timer);
        reject((error as { code?: string }).code === 'EOUTBOUNDREFUSED' ? new OutboundRefused(target, error.message) : error);
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location && left > 0) {
          clearTimeout(timer);
          res.resume();
          const next = new URL(location, url).toString();
          const keepMethod = status === 307 || status === 308;
          resolve(hop(next, left - 1, keepMethod ? method : 'GET', keepMethod ? body : undefined));
          return;
        }
        res.on('end', () => clearTimeout(timer));
        res.on('close', () => clearTimeout(timer));
        resolve({ status, headers: res.headers, url: url.toString(), body: res });
      });
      req.end(body);
    });
  return hop(raw, options.maxRedirects ?? 3, options.method ?? 'GET', options.body);
}

/** Reads a body up to `maxBytes`; longer bodies are cut off (the request is aborted) and flagged. */
export async function readBounded(body: Readable, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (size + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - size));
      body.destroy();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
