import { checkDefinition, checkValues, CustomFieldDefinition, isProblem } from './custom-fields';
import { mergeDetails, ContactDetails, normaliseTags, sharesIdentity } from './contact-rules';
import { normaliseEmail, normalisePhone } from './identifiers';

const definitions: CustomFieldDefinition[] = [
  { key: 'plan', name: 'Plan', type: 'list', options: ['free', 'pro'] },
  { key: 'birthday', name: 'Birthday', type: 'date', options: [] },
  { key: 'seats', name: 'Seats', type: 'number', options: [] },
  { key: 'vip', name: 'VIP', type: 'checkbox', options: [] },
  { key: 'site', name: 'Site', type: 'url', options: [] },
  { key: 'billing_email', name: 'Billing e-mail', type: 'email', options: [] },
  { key: 'office_phone', name: 'Office phone', type: 'phone', options: [] },
  { key: 'callback_at', name: 'Callback', type: 'time', options: [] },
  { key: 'note', name: 'Note', type: 'text', options: [] },
];

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

describe('typed custom fields (CON-2)', () => {
  it('accepts each type in its form and stores e-mails and phones normalised', () => {
    const result = checkValues(definitions, {
      plan: 'pro', birthday: '1990-02-28', seats: 12, vip: true, site: 'https://example.com/a', billing_email: 'Bill@Example.com',
      office_phone: '+1 (415) 555-2671', callback_at: '09:30', note: 'likes email',
    });
    expect(result).toEqual({
      set: { plan: 'pro', birthday: '1990-02-28', seats: 12, vip: true, site: 'https://example.com/a', billing_email: 'bill@example.com', office_phone: '+14155552671', callback_at: '09:30', note: 'likes email' },
      removed: [],
    });
  });
  it.each([
    ['birthday', '1990-02-30', 'date written YYYY-MM-DD'],
    ['birthday', '28/02/1990', 'date written YYYY-MM-DD'],
    ['seats', '12', 'a number'],
    ['vip', 'yes', 'true or false'],
    ['site', 'javascript:alert(1)', 'http(s) URL'],
    ['plan', 'gold', 'one of the options (free, pro)'],
    ['callback_at', '25:00', 'HH:mm'],
    ['billing_email', 'nope', 'e-mail address'],
  ])('refuses %s = %j naming the field and the expected type', (key, value, expected) => {
    const result = checkValues(definitions, { [key]: value });
    expect(isProblem(result) && result.field).toBe(`customFields.${key}`);
    expect(isProblem(result) && result.message).toContain(expected);
  });
  it('refuses a key that has no definition', () => {
    const result = checkValues(definitions, { shoe_size: 42 });
    expect(isProblem(result) && result.field).toBe('customFields.shoe_size');
  });
  it('null removes a value', () => {
    expect(checkValues(definitions, { plan: null })).toEqual({ set: {}, removed: ['plan'] });
  });
  it('a definition needs a snake_case key, a known type, and options only for lists', () => {
    expect(checkDefinition({ key: 'Plan Name', name: 'Plan', type: 'text' })).toMatchObject({ field: 'key' });
    expect(checkDefinition({ key: 'plan', name: 'Plan', type: 'colour' })).toMatchObject({ field: 'type' });
    expect(checkDefinition({ key: 'plan', name: 'Plan', type: 'list' })).toMatchObject({ field: 'options' });
    expect(checkDefinition({ key: 'plan', name: 'Plan', type: 'text', options: ['a'] })).toMatchObject({ field: 'options' });
    expect(checkDefinition({ key: 'plan', name: ' Plan ', type: 'list', options: ['a', 'a', ' b '] })).toEqual({ key: 'plan', name: 'Plan', type: 'list', options: ['a', 'b'] });
  });
});

describe('merge (CON-3)', () => {
  const details = (over: Partial<ContactDetails>): ContactDetails => ({
    firstName: 'Ana', lastName: null, phone: null, email: null, language: null, countryCode: null, gender: null, tags: [], customFields: {}, ...over,
  });
  it('the kept contact gains the fields it lacked and keeps its own', () => {
    const kept = details({ phone: '+6281234567890', tags: ['vip'], customFields: { plan: 'pro' } });
    const source = details({ firstName: 'Ana S', lastName: 'Silva', phone: '+620000', email: 'ana@example.com', tags: ['VIP', 'lead'], customFields: { plan: 'free', seats: 3 } });
    const { details: merged, changed } = mergeDetails(kept, source);
    expect(merged).toMatchObject({ firstName: 'Ana', lastName: 'Silva', phone: '+6281234567890', email: 'ana@example.com', tags: ['vip', 'lead'], customFields: { plan: 'pro', seats: 3 } });
    expect(changed.sort()).toEqual(['customFields', 'email', 'lastName', 'tags']);
  });
  it('merging twice gives the same contact and reports no change the second time', () => {
    const kept = details({ tags: ['a'] });
    const source = details({ lastName: 'B', tags: ['b'] });
    const once = mergeDetails(kept, source).details;
    const twice = mergeDetails(once, source);
    expect(twice.details).toEqual(once);
    expect(twice.changed).toEqual([]);
  });
  it('the merged details are only details, even when the kept contact is a whole stored document', () => {
    const stored = { ...details({}), _id: 'c1', workspaceId: 'w', _outbox: { e1: {} }, access: { assigneeId: null } } as unknown as ContactDetails;
    expect(Object.keys(mergeDetails(stored, details({ lastName: 'B' })).details).sort()).toEqual(
      ['countryCode', 'customFields', 'email', 'firstName', 'gender', 'language', 'lastName', 'phone', 'tags'],
    );
  });
  it('suggests contacts that share a phone or an e-mail, never on missing values', () => {
    expect(sharesIdentity({ phone: '+1', email: null }, { phone: '+1', email: 'x@y.z' })).toBe(true);
    expect(sharesIdentity({ phone: null, email: 'a@b.c' }, { phone: '+2', email: 'a@b.c' })).toBe(true);
    expect(sharesIdentity({ phone: null, email: null }, { phone: null, email: null })).toBe(false);
  });
  it('tags are de-duplicated case-insensitively', () => {
    expect(normaliseTags([' VIP ', 'vip', 'Lead', ''])).toEqual(['VIP', 'Lead']);
  });
});
