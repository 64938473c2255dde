import { apiSecretMatches, newApiToken, parseApiToken } from './api-token';

describe('API tokens', () => {
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
