import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { applyEdit, Contact, countryCodeAfter, detailEdit, newContactDetails, normaliseTags, snapshotOf } from './contact-details';

const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 'c1', workspaceId: 'w1', firstName: 'Ana', lastName: null, phone: null, email: null, language: null, countryCode: null, gender: null, tags: [], customFields: {},
  blocked: false, access: { ...NO_ACCESS_GRANTS, assigneeId: 'u1', teamId: 't1' }, createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-02T00:00:00Z'), ...over,
});

describe('contact details (CON-1/2)', () => {
  it('tags are de-duplicated case-insensitively', () => {
    expect(normaliseTags([' VIP ', 'vip', 'Lead', ''])).toEqual(['VIP', 'Lead']);
  });
  it('CON-1: a new contact is stored with its phone in E.164 (read in its country), its e-mail lower-cased and empty details as nulls', () => {
    expect(newContactDetails({ firstName: ' Ana ', lastName: ' ', phone: '0812-3456-7890', countryCode: 'id', email: 'Ana@Example.COM', language: '', tags: ['vip', 'VIP'] }, { plan: 'pro' })).toEqual({
      firstName: 'Ana', lastName: null, phone: '+6281234567890', email: 'ana@example.com', language: null, countryCode: 'ID', gender: null, tags: ['vip'], customFields: { plan: 'pro' },
    });
  });
  it('CON-1: a phone or e-mail that is not one is refused naming the field', () => {
    expect(newContactDetails({ firstName: 'P', phone: 'call me maybe' }, {})).toEqual({ field: 'phone', message: 'is not a phone number' });
    expect(newContactDetails({ firstName: 'E', email: 'not-an-address' }, {})).toEqual({ field: 'email', message: 'is not an e-mail address' });
  });
  it('CON-2: an edit sets what is given, clears optional details, and names every field it changed', () => {
    const edit = detailEdit(contact(), { firstName: 'Benjamin', phone: '+1 (415) 555-2671', clear: ['lastName'] });
    expect(edit).toEqual({ details: { lastName: null, firstName: 'Benjamin', phone: '+14155552671' }, changed: ['lastName', 'firstName', 'phone'] });
  });
  it('CON-2: only optional details can be cleared', () => {
    expect(detailEdit(contact(), { clear: ['firstName'] })).toEqual({ field: 'firstName', message: 'cannot be cleared' });
  });
  it('CON-2: a national phone number is read in the country the edit leaves the contact with', () => {
    expect(countryCodeAfter(contact({ countryCode: 'US' }), { countryCode: 'id' })).toBe('ID');
    expect(countryCodeAfter(contact({ countryCode: 'US' }), { clear: ['countryCode'] })).toBeNull();
    expect(countryCodeAfter(contact({ countryCode: 'US' }), {})).toBe('US');
    expect(detailEdit(contact({ countryCode: 'US' }), { countryCode: 'id', phone: '0812-3456-7890' })).toMatchObject({ details: { phone: '+6281234567890', countryCode: 'ID' } });
  });
  it('the contact after an edit carries the new details and custom fields, for the event announcing it', () => {
    const at = new Date('2026-02-01T00:00:00Z');
    const edited = applyEdit(contact({ customFields: { plan: 'free', seats: 2 } }), { details: { firstName: 'Ann' }, customFields: { set: { birthday: '2000-01-01' }, removed: ['plan'] }, changed: [] }, at);
    expect(edited).toMatchObject({ firstName: 'Ann', customFields: { seats: 2, birthday: '2000-01-01' }, updatedAt: at });
    expect(edited.customFields).not.toHaveProperty('plan');
  });
  it('the snapshot events carry has the thread\'s assignment and ISO times', () => {
    expect(snapshotOf(contact())).toMatchObject({ id: 'c1', assigneeId: 'u1', teamId: 't1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' });
  });
});
