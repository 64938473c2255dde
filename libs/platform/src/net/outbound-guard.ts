import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AddressClass, classifyAddress } from './address-class';

/**
 * Where a server-side request may go. Two purposes, two settings:
 * - `user`: URLs any user can type (link previews, attachment URLs in a message). They never reach a
 *   non-public address, in any profile.
 * - `configured`: endpoints an owner configures (a channel's `outboundUrl`, a provider `apiBaseUrl`, an
 *   SMTP relay) and what providers hand us (media, recordings), and push services. In production they
 *   reach non-public addresses only when allow-listed (hosts or CIDRs); the development profile and the
 *   tests allow loopback, where every stand-in provider runs.
 */
export interface OutboundPolicy {
  /** Address classes besides `public` that may be reached. */
  allowClasses?: AddressClass[];
  /** Host names (exact, case-insensitive) allowed whatever they resolve to. */
  allowHosts?: string[];
  /** CIDRs (`10.1.0.0/16`, `fd00::/8`) whose addresses are allowed. */
  allowCidrs?: string[];
  /** Schemes allowed (default http and https). */
  schemes?: string[];
}

export class OutboundRefused extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`outbound request refused: ${reason}`);
    this.name = 'OutboundRefused';
  }
}

function cidrList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split('/');
    const family = isIP(network);
    if (!family || !/^\d{1,3}$/.test(bits ?? '')) throw new Error(`${cidr} is not a CIDR (address/prefix)`);
    list.addSubnet(network, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Checks URLs and resolved addresses against one policy. */
export class OutboundGuard {
  private readonly cidrs: BlockList;
  private readonly hosts: Set<string>;
  private readonly classes: Set<AddressClass>;
  private readonly schemes: Set<string>;

  constructor(readonly policy: OutboundPolicy = {}) {
    this.cidrs = cidrList(policy.allowCidrs ?? []);
    this.hosts = new Set((policy.allowHosts ?? []).map((host) => host.toLowerCase()));
    this.classes = new Set<AddressClass>(['public', ...(policy.allowClasses ?? [])]);
    this.schemes = new Set(policy.schemes ?? ['http', 'https']);
  }

  /** Why an address may not be reached, or null when it may. */
  refusalForAddress(address: string): string | null {
    const kind = classifyAddress(address);
    if (this.classes.has(kind)) return null;
    if (kind !== 'invalid' && this.cidrs.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) return null;
    return `${address} is a ${kind} address`;
  }

  /**
   * Checks a URL before any connection: scheme, credentials, and a host that is an IP literal (Node
   * does not resolve literals, so the connect-time check below never sees them).
   */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundRefused(raw, 'not an absolute URL');
    }
    const scheme = url.protocol.replace(/:$/, '');
    if (!this.schemes.has(scheme)) throw new OutboundRefused(raw, `scheme ${scheme} is not allowed`);
    if (url.username || url.password) throw new OutboundRefused(raw, 'credentials in the URL are not allowed');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (this.hosts.has(host.toLowerCase())) return url;
    if (isIP(host)) {
      const refusal = this.refusalForAddress(host);
      if (refusal) throw new OutboundRefused(raw, refusal);
    } else if (host === 'localhost' || host.endsWith('.localhost')) {
      const refusal = this.refusalForAddress('127.0.0.1');
      if (refusal) throw new OutboundRefused(raw, `${host} is a loopback name`);
    }
    return url;
  }

  /**
   * A `lookup` for `net.connect` / `http(s).request` / undici's `connect` option: resolves the name and
   * refuses when any address it resolves to is not allowed. The connection then goes to an address that
   * was checked, so a name cannot be switched to a private address between check and connect (DNS
   * rebinding).
   */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean; family?: number } | number | ((...args: never[]) => void),
    callback?: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const done = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
    const wantAll = typeof options === 'object' && options?.all === true;
    const allowedHost = this.hosts.has(hostname.toLowerCase());
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return done(error, wantAll ? [] : '', 0);
      const refused = allowedHost ? null : addresses.map((entry) => this.refusalForAddress(entry.address)).find(Boolean);
      if (refused) {
        const failure = Object.assign(new OutboundRefused(hostname, `${hostname} resolves to a refused address (${refused})`), { code: 'EOUTBOUNDREFUSED' });
        return done(failure as unknown as NodeJS.ErrnoException, wantAll ? [] : '', 0);
      }
      if (wantAll) return done(null, addresses);
      done(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Guards of the two purposes for a profile (`production` refuses more; see OutboundPolicy). */
export function outboundGuards(options: { profile: 'production' | 'development' | 'test'; allowHosts?: string[]; allowCidrs?: string[] }) {
  const local = options.profile === 'production' ? [] : (['loopback'] as AddressClass[]);
  return {
    user: new OutboundGuard({}),
    configured: new OutboundGuard({ allowClasses: local, allowHosts: options.allowHosts, allowCidrs: options.allowCidrs }),
  };
}
