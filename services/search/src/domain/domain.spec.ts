import type { MessageSnapshot } from '@omnibox/contracts';
import { emailForms, emailsIn, countCharacters, isQueryProblem, parseContactQuery, parseMessageQuery, wordDigits } from './query';
import { currentGrantKeys, isSearchableMessage, mentionGrantKeys, messageText, phoneDigitForms, searchableCustomValues, storedAccess } from './documents';

const message = (extra: Partial<MessageSnapshot> = {}): MessageSnapshot => ({
  kind: 'message', id: 'm1', contactId: 'c1', direction: 'incoming', channelId: 'ch', type: 'text', text: 'hello there', status: 'received', error: null,
  sender: { category: 'contact' }, replyToId: null, linkPreview: null, attachment: null, template: null, email: null, payload: null, broadcastId: null,
  suppressed: false, createdAt: '2026-01-01T00:00:00Z', ...extra,
});

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

describe('what a contact document makes searchable (SRH-1…3)', () => {
  it('SRH-1: a phone is found by its international, national and trunk-prefixed digits', () => {
    expect(phoneDigitForms('+6281234567890')).toEqual(['6281234567890', '81234567890', '081234567890']);
    expect(phoneDigitForms('+14155552671')).toEqual(expect.arrayContaining(['14155552671', '4155552671']));
    expect(phoneDigitForms('081234567890')).toEqual(['081234567890']);
    expect(phoneDigitForms(null)).toEqual([]);
  });
  it('SRH-2/3: custom values are matched whole, lower-cased; checkbox, date and time values are not searchable', () => {
    expect(searchableCustomValues({ plan: 'Gold Plan', seats: 12, vip: true, birthday: '1990-02-28', callback: '09:30', site: 'https://x.io' }).sort()).toEqual(['12', 'gold plan', 'https://x.io']);
  });
});

describe('what a message document holds (SRH-6, CNV-8)', () => {
  it('SRH-6: text, templates, quick replies, story replies and e-mails are searchable', () => {
    for (const type of ['text', 'quick_reply', 'story_reply', 'email']) expect(isSearchableMessage(message({ type }))).toBe(true);
    expect(isSearchableMessage(message({ type: 'template', text: null, template: { name: 'order_update', language: 'en', parameters: ['A-77'] } }))).toBe(true);
    expect(messageText(message({ type: 'template', text: null, template: { name: 'order_update', language: 'en', parameters: ['A-77'] } }))).toBe('order update A-77');
    expect(messageText(message({ type: 'email', text: 'body', email: { subject: 'Invoice 42' } }))).toBe('Invoice 42\nbody');
  });
  it('SRH-6: broadcasts are never searchable, whichever way they are marked', () => {
    expect(isSearchableMessage(message({ sender: { category: 'broadcast' } }))).toBe(false);
    expect(isSearchableMessage(message({ broadcastId: 'b1', sender: { category: 'user', userId: 'u' } }))).toBe(false);
  });
  it('CNV-8: a message kept only for audit (blocked contact) is not searchable; nor one without text', () => {
    expect(isSearchableMessage(message({ suppressed: true }))).toBe(false);
    expect(isSearchableMessage(message({ type: 'attachment', text: null }))).toBe(false);
    expect(isSearchableMessage(message({ type: 'unsupported', text: 'raw' }))).toBe(false);
  });
  it('VIS-3: mentions are stored as a list and as grant keys, so expiry is checked at query time', () => {
    expect(storedAccess({ assigneeId: 'u1', teamId: null, collaboratorIds: ['b', 'a'], mentionedUntil: { z: '2026-01-02T00:00:00Z' } })).toMatchObject({
      assigneeId: 'u1', teamId: null, collaboratorIds: ['a', 'b'], mentions: [{ userId: 'z', until: '2026-01-02T00:00:00Z' }],
    });
  });
  it('VIS-3: a mention lets the user in for its 24 hours and not a minute after', () => {
    const keys = new Set(mentionGrantKeys([{ userId: 'z', until: '2026-01-02T10:30:20Z' }]));
    const inAt = (iso: string) => currentGrantKeys('z', new Date(iso)).some((key) => keys.has(key));
    expect(inAt('2026-01-01T10:31:00Z')).toBe(true);
    expect(inAt('2026-01-01T23:59:59Z')).toBe(true);
    expect(inAt('2026-01-02T10:05:00Z')).toBe(true);
    expect(inAt('2026-01-02T10:29:59Z')).toBe(true);
    expect(inAt('2026-01-02T10:30:30Z')).toBe(false);
    expect(inAt('2026-01-02T11:00:00Z')).toBe(false);
    expect(currentGrantKeys('y', new Date('2026-01-01T12:00:00Z')).some((key) => keys.has(key))).toBe(false);
  });
});
