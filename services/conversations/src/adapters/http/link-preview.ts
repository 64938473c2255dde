import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { LinkPreview } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import type { LinkPreviews } from '../../application/ports';
import type { ConversationsConfig } from '../../config';

/** Addresses a preview fetch must never reach (server-side request forgery): loopback, private, link-local… */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface PreviewOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Tests serve pages on 127.0.0.1; production never allows it. */
  allowPrivate: boolean;
}

const decode = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();

/** Reads Open Graph tags (or the title) from a page's HTML. */
export function parsePreview(url: string, html: string): LinkPreview | null {
  const meta = (name: string) => {
    const re = new RegExp(`<meta[^>]+(?:property|name)=["']${name}["'][^>]*>`, 'i');
    const tag = re.exec(html)?.[0];
    const content = tag ? /content=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
    return content ? decode(content).slice(0, 500) : null;
  };
  const title = meta('og:title') ?? (/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ? decode(/<title[^>]*>([^<]*)<\/title>/i.exec(html)![1]).slice(0, 300) : null);
  const description = meta('og:description') ?? meta('description');
  const image = meta('og:image');
  if (!title && !description && !image) return null;
  return { url, title, description, image };
}

/**
 * Fetches a link preview (MSG-6) defensively: http(s) only, every resolved address checked (also after
 * redirects, and at connect time so DNS cannot be switched under us), a time limit and a size limit.
 * Any failure means no preview, never a failed send.
 */
export async function fetchLinkPreview(url: string, options: PreviewOptions, redirects = 3): Promise<LinkPreview | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return null;
  const guardedLookup = (hostname: string, lookupOptions: object, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      if (!options.allowPrivate && list.some((entry) => isPrivateAddress(entry.address))) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
      }
      if ((lookupOptions as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
  if (!options.allowPrivate && isIP(target.hostname) && isPrivateAddress(target.hostname)) return null;
  return new Promise((resolve) => {
    const client = target.protocol === 'https:' ? https : http;
    const request = client.get(target, { lookup: guardedLookup as never, timeout: options.timeoutMs, headers: { accept: 'text/html', 'user-agent': 'omnibox-link-preview' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
        response.resume();
        resolve(fetchLinkPreview(new URL(response.headers.location, target).toString(), options, redirects - 1));
        return;
      }
      if (status !== 200 || !/html/i.test(String(response.headers['content-type'] ?? ''))) {
        response.resume();
        resolve(null);
        return;
      }
      let size = 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          // Enough to read the head of the page; the rest is not needed.
          response.destroy();
          resolve(parsePreview(url, Buffer.concat(chunks).toString('utf8')));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(parsePreview(url, Buffer.concat(chunks).toString('utf8'))));
      response.on('error', () => resolve(null));
    });
    const timer = setTimeout(() => request.destroy(new Error('timeout')), options.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(null));
  });
}

/** MSG-6 over HTTP, with the service's limits (LINK_PREVIEW_*). */
@Injectable()
export class HttpLinkPreviews implements LinkPreviews {
  private readonly options: PreviewOptions;

  constructor(@Inject(CONFIG) config: ConversationsConfig) {
    this.options = { timeoutMs: config.LINK_PREVIEW_TIMEOUT_MS, maxBytes: config.LINK_PREVIEW_MAX_BYTES, allowPrivate: config.LINK_PREVIEW_ALLOW_PRIVATE === 'true' };
  }

  preview(url: string): Promise<LinkPreview | null> {
    return fetchLinkPreview(url, this.options);
  }
}
