import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { IsOptional, MinLength } from 'class-validator';
import type { ServiceConfig } from '../config/common-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/**
 * Adds the key that seals secrets travelling between services (channel credentials: tokens, app
 * secrets, SMTP passwords), so they are never in clear in an event, a read model or a log line.
 */
export function WithSecretSeal<B extends Constructor>(Base: B) {
  class SecretSealSettings extends Base {
    /**
     * Seals channel credentials (16+ characters, the same on the gateway, conversations and calls).
     * Unset: a key derived from INTERNAL_SECRET, which then cannot be rotated without re-entering the
     * channels' credentials; set it in production.
     */
    @IsOptional()
    @MinLength(16, { message: 'must be at least 16 characters' })
    CHANNEL_CREDENTIALS_KEY?: string;

    /** While CHANNEL_CREDENTIALS_KEY is being rotated: the previous key, still opened (never used to seal). */
    @IsOptional()
    @MinLength(16, { message: 'must be at least 16 characters' })
    CHANNEL_CREDENTIALS_KEY_PREVIOUS?: string;
  }
  return SecretSealSettings;
}

type SealSettings = ServiceConfig & { CHANNEL_CREDENTIALS_KEY?: string; CHANNEL_CREDENTIALS_KEY_PREVIOUS?: string };

const VERSION = 'v1';

interface Key {
  id: string;
  bytes: Buffer;
}

function keyOf(secret: string, purpose: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', secret, 'omnibox', purpose, 32));
  // Names the key in the sealed text, so a rotated key is picked without trying each one.
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

/** A sealed text that no key opens (tampered, another channel's, or sealed with a key since dropped). */
export class SealBroken extends Error {}

/**
 * AES-256-GCM over JSON, bound to a context (a channel id: a sealed value moved to another channel
 * does not open). `v1.<key id>.<iv>.<ciphertext and tag>`, base64url.
 */
export class SecretSeal {
  private readonly keys: Key[];

  constructor(secrets: string[], purpose = 'channel-credentials') {
    if (secrets.length === 0) throw new Error('SecretSeal needs at least one key');
    this.keys = secrets.map((secret) => keyOf(secret, purpose));
  }

  seal(value: unknown, context: string): string {
    const key = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, key.id, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  open<T>(sealed: string, context: string): T {
    const [version, keyId, iv, body] = sealed.split('.');
    const key = this.keys.find((candidate) => candidate.id === keyId);
    if (version !== VERSION || !key || !iv || !body) throw new SealBroken('sealed with a key this service does not have');
    try {
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8')) as T;
    } catch {
      throw new SealBroken('the sealed value was altered or belongs elsewhere');
    }
  }
}

/** The seal of a service's config: CHANNEL_CREDENTIALS_KEY (and its previous one), else keys derived from INTERNAL_SECRET. */
export function secretSealOf(config: SealSettings): SecretSeal {
  const given = [config.CHANNEL_CREDENTIALS_KEY, config.CHANNEL_CREDENTIALS_KEY_PREVIOUS].filter((key): key is string => Boolean(key));
  const derived = [config.INTERNAL_SECRET, config.INTERNAL_SECRET_PREVIOUS].filter((key): key is string => Boolean(key));
  return new SecretSeal([...given, ...derived]);
}
