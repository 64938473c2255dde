import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'omnibox';
const AUDIENCE = 'omnibox-api';

export interface SessionClaims {
  /** user id */
  sub: string;
  /** workspace id */
  ws: string;
  /** the user's token version: bumping it (password change) ends older sessions */
  tv: number;
}

export function signSession(claims: SessionClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER, audience: AUDIENCE });
}

/** Verifies signature, algorithm, issuer, audience and expiry; null for anything else. */
export function verifySession(token: string, secret: string): SessionClaims | null {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as Partial<SessionClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.ws !== 'string' || typeof claims.tv !== 'number') return null;
    return { sub: claims.sub, ws: claims.ws, tv: claims.tv };
  } catch {
    return null;
  }
}

const API_TOKEN = /^oat_([a-f0-9]{24})_([A-Za-z0-9_-]{43})$/;

/** A new API token: shown to the creator once; only its SHA-256 is stored. */
export function newApiToken(id: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `oat_${id}_${secret}`, hash: hashApiSecret(secret) };
}

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
