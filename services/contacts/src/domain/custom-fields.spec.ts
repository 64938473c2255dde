import { checkDefinition, checkValues, CustomFieldDefinition, isProblem } from './custom-fields';

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
  it('CON-2: a phone custom field is read in the contact\'s country', () => {
    const phone: CustomFieldDefinition[] = [{ key: 'office_phone', name: 'Office phone', type: 'phone', options: [] }];
    expect(checkValues(phone, { office_phone: '0812-3456-7890' }, 'ID')).toEqual({ set: { office_phone: '+6281234567890' }, removed: [] });
  });
});
