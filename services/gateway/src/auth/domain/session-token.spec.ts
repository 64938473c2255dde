import { signSession, verifySession } from './session-token';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('session tokens', () => {
  it('session tokens are signed and expire; a tampered or foreign token is refused', () => {
    const token = signSession({ sub: 'u1', ws: 'w1', tv: 0 }, SECRET, 60);
    expect(verifySession(token, SECRET)).toEqual({ sub: 'u1', ws: 'w1', tv: 0 });
    expect(verifySession(token, 'another-secret-that-is-long-enough-too!!')).toBeNull();
    const [head, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u2', ws: 'w1', tv: 0, iss: 'omnibox', aud: 'omnibox-api' })).toString('base64url');
    expect(verifySession(`${head}.${forged}.${sig}`, SECRET)).toBeNull();
    const expired = signSession({ sub: 'u1', ws: 'w1', tv: 0 }, SECRET, -10);
    expect(verifySession(expired, SECRET)).toBeNull();
  });
});
