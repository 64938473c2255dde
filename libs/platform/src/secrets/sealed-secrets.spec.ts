import { SealBroken, SecretSeal, secretSealOf } from './sealed-secrets';

describe('sealed secrets', () => {
  const seal = new SecretSeal(['a-channel-credentials-key']);
  const credentials = { kind: 'telegram_bot', botToken: '123:abc' };

  it('a sealed value opens to what was sealed, and its text shows none of it', () => {
    const sealed = seal.seal(credentials, 'channel-1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('123:abc');
    expect(seal.open(sealed, 'channel-1')).toEqual(credentials);
    expect(seal.seal(credentials, 'channel-1')).not.toBe(sealed);
  });

  it('a value sealed for one channel does not open for another, nor once altered', () => {
    const sealed = seal.seal(credentials, 'channel-1');
    expect(() => seal.open(sealed, 'channel-2')).toThrow(SealBroken);
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => seal.open(altered, 'channel-1')).toThrow(SealBroken);
  });

  it('after a rotation, values sealed with the previous key still open; new ones use the new key', () => {
    const old = seal.seal(credentials, 'c');
    const rotated = new SecretSeal(['a-new-credentials-key-value', 'a-channel-credentials-key']);
    expect(rotated.open(old, 'c')).toEqual(credentials);
    expect(() => seal.open(rotated.seal(credentials, 'c'), 'c')).toThrow(SealBroken);
  });

  it('without CHANNEL_CREDENTIALS_KEY the key comes from INTERNAL_SECRET, so every service of a deployment agrees', () => {
    const config = { INTERNAL_SECRET: 'internal-secret-value' } as never;
    expect(secretSealOf(config).open(secretSealOf(config).seal(credentials, 'c'), 'c')).toEqual(credentials);
    const dedicated = secretSealOf({ INTERNAL_SECRET: 'internal-secret-value', CHANNEL_CREDENTIALS_KEY: 'dedicated-key-value-1' } as never);
    expect(() => secretSealOf(config).open(dedicated.seal(credentials, 'c'), 'c')).toThrow(SealBroken);
  });
});
