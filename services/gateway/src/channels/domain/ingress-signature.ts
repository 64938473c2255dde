import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new channel's ingress secret (256 bits, hex). */
export function newChannelSecret(): string {
  return randomBytes(32).toString('hex');
}

/** `sha256=<hex>` of the raw body keyed with the channel secret, compared in constant time. */
export function signatureMatches(secret: string, rawBody: Buffer | undefined, header: string | undefined): boolean {
  if (!rawBody || !header) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
