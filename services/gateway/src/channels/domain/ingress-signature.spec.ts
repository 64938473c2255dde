import { createHmac } from 'node:crypto';
import { newChannelSecret, signatureMatches } from './ingress-signature';

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('ingress signature', () => {
  const secret = newChannelSecret();
  const body = Buffer.from('{"type":"message"}');

  it('a channel secret is 256 random bits in hex, new every time', () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(newChannelSecret()).not.toBe(secret);
  });

  it('only the HMAC-SHA256 of the exact raw body with the channel secret is accepted', () => {
    expect(signatureMatches(secret, body, sign(secret, body.toString()))).toBe(true);
    expect(signatureMatches(secret, body, sign(secret, body.toString()).toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(signatureMatches(secret, Buffer.from('{"type":"message" }'), sign(secret, body.toString()))).toBe(false);
    expect(signatureMatches(newChannelSecret(), body, sign(secret, body.toString()))).toBe(false);
  });

  it('a missing body or header, or a header of another form, is refused', () => {
    expect(signatureMatches(secret, undefined, sign(secret, ''))).toBe(false);
    expect(signatureMatches(secret, body, undefined)).toBe(false);
    expect(signatureMatches(secret, body, createHmac('sha256', secret).update(body).digest('hex'))).toBe(false);
    expect(signatureMatches(secret, body, 'sha256=abc')).toBe(false);
  });
});
