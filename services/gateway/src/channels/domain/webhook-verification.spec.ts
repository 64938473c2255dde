import { createHmac } from 'node:crypto';
import { hubSignatureMatches, sameText, telegramSecretToken, verificationChallenge } from './webhook-verification';

describe('provider webhook verification', () => {
  it('WhatsApp: only the HMAC-SHA256 of the exact raw body with the app secret is accepted', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const header = `sha256=${createHmac('sha256', 'app-secret').update(body).digest('hex')}`;
    expect(hubSignatureMatches('app-secret', body, header)).toBe(true);
    expect(hubSignatureMatches('other-secret', body, header)).toBe(false);
    expect(hubSignatureMatches('app-secret', Buffer.from(`${body} `), header)).toBe(false);
    expect(hubSignatureMatches('app-secret', body, undefined)).toBe(false);
  });

  it('WhatsApp verification echoes the challenge only for subscribe with the channel\'s verify token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' };
    expect(verificationChallenge(query, 'verify-me')).toBe('1158201444');
    expect(verificationChallenge({ ...query, 'hub.verify_token': 'guess' }, 'verify-me')).toBeNull();
    expect(verificationChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'verify-me')).toBeNull();
    expect(verificationChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me' }, 'verify-me')).toBeNull();
  });

  it('Telegram: the secret token is the Bot API\'s alphabet, one per channel secret, and changes with it', () => {
    const token = telegramSecretToken('a'.repeat(64));
    expect(token).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(telegramSecretToken('a'.repeat(64))).toBe(token);
    expect(telegramSecretToken('b'.repeat(64))).not.toBe(token);
    expect(sameText(token, token)).toBe(true);
    expect(sameText(undefined, token)).toBe(false);
    expect(sameText(token.slice(1), token)).toBe(false);
  });
});
