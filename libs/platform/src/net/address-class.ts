import { isIP } from 'node:net';

/**
 * What kind of address an IP is, for the outbound-URL guard (server-side request forgery). Every form
 * that reaches an IPv4 address through IPv6 (IPv4-mapped `::ffff:a.b.c.d` / `::ffff:7f00:1`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`, 6to4 `2002::/16`) is classified
 * by the IPv4 address it embeds, so `[::ffff:127.0.0.1]` is loopback like `127.0.0.1`.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** The eight 16-bit groups of an IPv6 address (an embedded dotted quad counts as two), or null. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (isIP(text) !== 6) return null;
  // `::ffff:127.0.0.1` is written `::ffff:7f00:1` before the groups are read.
  text = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const halves = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...right];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function ipv4Octets(address: string): number[] | null {
  if (isIP(address) !== 4) return null;
  return address.split('.').map(Number);
}

function classifyIpv4([a, b, c]: number[]): AddressClass {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local'; // cloud metadata endpoints live here
  if (a === 100 && b >= 64 && b <= 127) return 'shared'; // carrier-grade NAT
  if (a === 192 && b === 0 && c === 0) return 'reserved'; // IETF protocol assignments
  if (a === 198 && (b === 18 || b === 19)) return 'reserved'; // benchmarking
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // incl. broadcast 255.255.255.255
  return 'public';
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(groups: number[]): number[] | null {
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const zeroUpTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(5) && groups[5] === 0xffff) return quad(groups[6], groups[7]); // ::ffff:a.b.c.d
  if (zeroUpTo(4) && groups[4] === 0xffff && groups[5] === 0) return quad(groups[6], groups[7]); // ::ffff:0:a.b.c.d (SIIT)
  if (zeroUpTo(6) && (groups[6] !== 0 || groups[7] > 1)) return quad(groups[6], groups[7]); // ::a.b.c.d (deprecated compatible)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return quad(groups[6], groups[7]); // NAT64 well-known
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups[2] === 1) return quad(groups[6], groups[7]); // NAT64 local-use 64:ff9b:1::/48
  if (groups[0] === 0x2002) return quad(groups[1], groups[2]); // 6to4
  return null;
}

export function classifyAddress(address: string): AddressClass {
  const v4 = ipv4Octets(address);
  if (v4) return classifyIpv4(v4);
  const groups = ipv6Groups(address);
  if (!groups) return 'invalid';
  if (groups.every((group) => group === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return 'loopback';
  const embedded = embeddedIpv4(groups);
  if (embedded) return classifyIpv4(embedded);
  if ((groups[0] & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((groups[0] & 0xffc0) === 0xfec0) return 'private'; // fec0::/10, deprecated site-local
  if ((groups[0] & 0xff00) === 0xff00) return 'multicast';
  if (groups[0] === 0x2001 && groups[1] === 0x0db8) return 'reserved'; // documentation
  if (groups[0] === 0x0100 && groups.slice(1, 4).every((group) => group === 0)) return 'reserved'; // discard-only
  return 'public';
}
