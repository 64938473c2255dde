import { Inject, Injectable } from '@nestjs/common';
import type { LinkPreview } from '@omnibox/contracts';
import { CONFIG, guardedRequest, OutboundGuard, readBounded } from '@omnibox/platform';
import type { LinkPreviews } from '../../application/ports';
import type { ConversationsConfig } from '../../config';

export interface PreviewOptions {
  timeoutMs: number;
  maxBytes: number;
  /**
   * The outbound guard of URLs any user can type: never a loopback, private, link-local or unique-local
   * address in any form (IPv6 literals, IPv4-mapped, NAT64 …), checked on every redirect and at connect
   * time. Only host names an operator allow-lists pass (the tests' page server, LINK_PREVIEW_ALLOW_HOSTS).
   */
  guard: OutboundGuard;
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
 * Fetches a link preview (MSG-6) defensively through the outbound guard (SSRF), with a time limit and a
 * size limit (the head of a page is enough). Any failure means no preview, never a failed send.
 */
export async function fetchLinkPreview(url: string, options: PreviewOptions): Promise<LinkPreview | null> {
  try {
    const page = await guardedRequest(url, { guard: options.guard, timeoutMs: options.timeoutMs, maxRedirects: 3, headers: { accept: 'text/html', 'user-agent': 'omnibox-link-preview' } });
    if (page.status !== 200 || !/html/i.test(String(page.headers['content-type'] ?? ''))) {
      page.body.resume();
      return null;
    }
    const { bytes } = await readBounded(page.body, options.maxBytes);
    return parsePreview(url, bytes.toString('utf8'));
  } catch {
    return null;
  }
}

/** MSG-6 over HTTP, with the service's limits (LINK_PREVIEW_*). */
@Injectable()
export class HttpLinkPreviews implements LinkPreviews {
  private readonly options: PreviewOptions;

  constructor(@Inject(CONFIG) config: ConversationsConfig) {
    const allowHosts = config.LINK_PREVIEW_ALLOW_HOSTS.split(',').map((host) => host.trim()).filter(Boolean);
    this.options = { timeoutMs: config.LINK_PREVIEW_TIMEOUT_MS, maxBytes: config.LINK_PREVIEW_MAX_BYTES, guard: new OutboundGuard({ allowHosts }) };
  }

  preview(url: string): Promise<LinkPreview | null> {
    return fetchLinkPreview(url, this.options);
  }
}
