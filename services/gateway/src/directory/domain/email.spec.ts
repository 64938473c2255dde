import { normaliseEmail } from './email';

describe('e-mail', () => {
  it('e-mail addresses are compared case-insensitively', () => {
    expect(normaliseEmail('  Ana.Smith@Example.COM ')).toBe('ana.smith@example.com');
  });
});
