import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureMatches } from './ingress-signature';

/**
 * WhatsApp Cloud API: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed with the
 * app secret>`, the same form as our own ingress signature.
 */
export function hubSignatureMatches(appSecret: string, rawBody: Buffer | undefined, header: string | undefined): boolean {
  return signatureMatches(appSecret, rawBody, header);
}

/**
 * WhatsApp Cloud API webhook verification (`GET …?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
 * the challenge to echo when the token is the channel's, else null.
 */
export function verificationChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || challenge.length > 200) return null;
  return sameText(token, verifyToken) ? challenge : null;
}

/**
 * The secret token Telegram sends in `X-Telegram-Bot-Api-Secret-Token` (given to `setWebhook`):
 * derived from the channel's ingress secret, so rotating that secret rotates it. 43 characters of
 * `A-Z a-z 0-9 _ -`, as the Bot API allows.
 */
export function telegramSecretToken(channelSecret: string): string {
  return createHmac('sha256', channelSecret).update('telegram-webhook').digest('base64url');
}

/** Whether `given` is `expected`, compared in constant time. */
export function sameText(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
