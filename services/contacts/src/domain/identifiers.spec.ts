import { normaliseEmail, normalisePhone } from './identifiers';

describe('phones and e-mails are stored normalised (CON-3 suggestions find them whatever the punctuation)', () => {
  it('writes a number with its country prefix as E.164 whatever the punctuation', () => {
    expect(normalisePhone('+62 812-3456-7890')).toBe('+6281234567890');
    expect(normalisePhone('(+62) 812 3456 7890')).toBe('+6281234567890');
  });
  it('uses the contact country for a national number', () => {
    expect(normalisePhone('0812-3456-7890', 'ID')).toBe('+6281234567890');
    expect(normalisePhone('(415) 555-2671', 'us')).toBe('+14155552671');
  });
  it('keeps the digits when the country is unknown', () => {
    expect(normalisePhone('0812.3456.7890')).toBe('081234567890');
  });
  it('refuses text that is not a phone number', () => {
    expect(normalisePhone('call me')).toBeNull();
    expect(normalisePhone('12')).toBeNull();
  });
  it('lower-cases e-mails and refuses non-addresses', () => {
    expect(normaliseEmail('  Ana.Silva@Example.COM ')).toBe('ana.silva@example.com');
    expect(normaliseEmail('ana@')).toBeNull();
  });
});
