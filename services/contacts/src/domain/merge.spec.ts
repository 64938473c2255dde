import type { ContactDetails } from './contact-details';
import { mergeDetails, mergeEventId, mergeProgress, sharesIdentity } from './merge';

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
});

describe('a merge is safe to retry (CON-3)', () => {
  it('a first request starts the merge; a retry of the same merge resumes it, or answers again once done', () => {
    expect(mergeProgress(null, 'kept')).toBe('new');
    expect(mergeProgress({ targetId: 'kept', state: 'started' }, 'kept')).toBe('resume');
    expect(mergeProgress({ targetId: 'kept', state: 'done' }, 'kept')).toBe('finished');
  });
  it('a source merged into another contact is gone; one being merged into another must finish there first', () => {
    expect(mergeProgress({ targetId: 'other', state: 'done' }, 'kept')).toBe('merged-elsewhere');
    expect(mergeProgress({ targetId: 'other', state: 'started' }, 'kept')).toBe('merging-elsewhere');
  });
  it('the merge event has one id per merge, so a retried merge announces it once', () => {
    expect(mergeEventId('src', 'kept')).toBe(mergeEventId('src', 'kept'));
    expect(mergeEventId('src', 'kept')).not.toBe(mergeEventId('src', 'other'));
  });
});
