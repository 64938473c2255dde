import { countCharacters, emailForms, emailsIn, isQueryProblem, parseContactQuery, parseMessageQuery, wordDigits } from './query';

describe('query length (SRH-4): characters as people count them', () => {
  it('SRH-4: an emoji counts as one character, skin tones and families included', () => {
    expect(countCharacters('🍕🍕🍕')).toBe(3);
    expect(countCharacters('👍🏽')).toBe(1);
    expect(countCharacters('👨‍👩‍👧')).toBe(1);
    expect(countCharacters('e\u0301')).toBe(1);
  });
  it('SRH-4: message search refuses fewer than 3 characters, spaces around not counted', () => {
    expect(isQueryProblem(parseMessageQuery('hi'))).toBe(true);
    expect(isQueryProblem(parseMessageQuery('  hi  '))).toBe(true);
    expect(isQueryProblem(parseMessageQuery('👍🏽👍🏽'))).toBe(true);
    expect(isQueryProblem(parseMessageQuery(''))).toBe(true);
    expect(parseMessageQuery('🍕🍕🍕')).toEqual({ kind: 'word', text: '🍕🍕🍕' });
    expect(parseMessageQuery('hey')).toEqual({ kind: 'word', text: 'hey' });
  });
  it('refuses a query too long to be a search', () => {
    expect(isQueryProblem(parseMessageQuery('a'.repeat(201)))).toBe(true);
  });
});

describe('what a message query means (SRH-5)', () => {
  it('SRH-5: one word is a word, several words are a phrase (spaces collapsed)', () => {
    expect(parseMessageQuery('pizza')).toEqual({ kind: 'word', text: 'pizza' });
    expect(parseMessageQuery(' pizza   party ')).toEqual({ kind: 'phrase', text: 'pizza party' });
  });
  it('SRH-5: an address, part of one or @domain is an e-mail query, lower-cased', () => {
    expect(parseMessageQuery('@gmail')).toEqual({ kind: 'email', prefix: '@gmail' });
    expect(parseMessageQuery('Carlos@Gmail.com')).toEqual({ kind: 'email', prefix: 'carlos@gmail.com' });
    expect(parseMessageQuery('carlos@')).toEqual({ kind: 'email', prefix: 'carlos@' });
  });
  it('SRH-5: numbers only match any of them', () => {
    expect(parseMessageQuery('016 014')).toEqual({ kind: 'numbers', numbers: ['016', '014'] });
    expect(parseMessageQuery('016')).toEqual({ kind: 'word', text: '016' });
    expect(parseMessageQuery('order 016')).toEqual({ kind: 'phrase', text: 'order 016' });
  });
  it('finds the addresses written in a message and the forms an e-mail query may start', () => {
    expect(emailsIn('mail Carlos.Silva@Gmail.com or ana@x.co.id.')).toEqual(['carlos.silva@gmail.com', 'ana@x.co.id']);
    expect(emailForms('carlos@gmail.com')).toEqual(['carlos@gmail.com', '@gmail.com', 'gmail.com']);
  });
});

describe('what a contact query means (SRH-1, SRH-2)', () => {
  it('SRH-1: words are lower-cased prefixes; the whole query is kept for exact custom values', () => {
    expect(parseContactQuery('Car')).toEqual({ words: ['car'], phoneDigits: null, exact: 'car' });
    expect(parseContactQuery('Gold Plan')).toEqual({ words: ['gold', 'plan'], phoneDigits: null, exact: 'gold plan' });
  });
  it('SRH-1: a query of digits and phone punctuation is one phone prefix', () => {
    expect(parseContactQuery('+62 812-3456')).toMatchObject({ phoneDigits: '628123456' });
    expect(parseContactQuery('(0812) 34')).toMatchObject({ phoneDigits: '081234' });
    expect(parseContactQuery('12')).toMatchObject({ phoneDigits: null });
    expect(wordDigits('0812-34')).toBe('081234');
    expect(wordDigits('carlos')).toBeNull();
  });
  it('contact search needs something to look for', () => {
    expect(isQueryProblem(parseContactQuery('   '))).toBe(true);
    expect(isQueryProblem(parseContactQuery('a'))).toBe(false);
  });
});
