import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const API_TOKEN = /^oat_([a-f0-9]{24})_([A-Za-z0-9_-]{43})$/;

/** A new API token: shown to the creator once; only its SHA-256 is stored. */
export function newApiToken(id: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `oat_${id}_${secret}`, hash: hashApiSecret(secret) };
}

/** An API token names its record (`oat_<id>_<secret>`), so checking it is one read by id. */
export function parseApiToken(token: string): { id: string; secret: string } | null {
  const match = API_TOKEN.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

export function hashApiSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function apiSecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
