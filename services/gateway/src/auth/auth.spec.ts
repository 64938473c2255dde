import { hashPassword, verifyPassword } from './passwords';
import { apiSecretMatches, newApiToken, parseApiToken, signSession, verifySession } from './tokens';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('credentials', () => {
  it('passwords are stored as salted scrypt hashes that verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
  });

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

  it('API tokens carry their id and are checked against a stored hash', () => {
    const id = '0123456789abcdef01234567';
    const { token, hash } = newApiToken(id);
    const parsed = parseApiToken(token);
    expect(parsed?.id).toBe(id);
    expect(apiSecretMatches(parsed!.secret, hash)).toBe(true);
    expect(apiSecretMatches(parsed!.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), hash)).toBe(false);
    expect(parseApiToken('oat_nope')).toBeNull();
  });
});
