import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

const ISSUER = 'omnibox';
const AUDIENCE = 'omnibox-api';

/** What a session token says about its user. */
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

// Given a string, jsonwebtoken first tries to parse it as a PEM public key (and throws) on every
// verify; the secret's key object is made once per secret instead.
const secretKeys = new Map<string, KeyObject>();
function secretKeyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

/** Verifies signature, algorithm, issuer, audience and expiry; null for anything else. */
export function verifySession(token: string, secret: string): SessionClaims | null {
  try {
    const claims = jwt.verify(token, secretKeyOf(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as Partial<SessionClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.ws !== 'string' || typeof claims.tv !== 'number') return null;
    return { sub: claims.sub, ws: claims.ws, tv: claims.tv };
  } catch {
    return null;
  }
}
