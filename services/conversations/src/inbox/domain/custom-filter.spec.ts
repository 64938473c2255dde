import { filterProblem, FilterSubject, matchesFilter } from './custom-filter';

const subject = (extra: Partial<FilterSubject> = {}): FilterSubject => ({
  status: 'open',
  assigneeId: 'ana',
  teamId: null,
  channelId: 'wa',
  tags: ['VIP', 'paid'],
  language: 'en',
  countryCode: 'ID',
  unreplied: true,
  lastMessageAt: '2026-11-20T10:00:00.000Z',
  customFields: { plan: 'Pro', seats: 12 },
  ...extra,
});

describe('advanced filters (FLT-5)', () => {
  it('names the first field to fix, as API.md’s 400 does', () => {
    expect(filterProblem({ all: [{ field: 'mood', op: 'eq', value: 'x' }] })).toEqual({ field: 'filter.all[0].field', message: expect.stringContaining('customFields.<key>') });
    expect(filterProblem({ all: [{ field: 'tag', op: 'like', value: 'x' }] })?.field).toBe('filter.all[0].op');
    expect(filterProblem({ all: [{ field: 'tag', op: 'in', value: 'x' }] })?.field).toBe('filter.all[0].value');
    expect(filterProblem({ all: [{ field: 'tag', op: 'exists', value: 'yes' }] })?.field).toBe('filter.all[0].value');
    expect(filterProblem({ all: [{ field: 'lastMessageAt', op: 'gt', value: true }] })?.field).toBe('filter.all[0].value');
    expect(filterProblem({ all: [{ field: 'status', op: 'eq', value: 'pending' }] })?.field).toBe('filter.all[0].value');
    expect(filterProblem({ all: Array.from({ length: 21 }, () => ({ field: 'tag', op: 'exists' })) })?.field).toBe('filter.all');
    expect(filterProblem({ any: [] })?.field).toBe('filter.all');
    expect(filterProblem({ all: [{ field: 'customFields.plan', op: 'eq', value: 'pro' }, { field: 'tag', op: 'exists' }] })).toBeNull();
  });

  it('FLT-5: conditions combine with AND; strings compare case-insensitively', () => {
    expect(matchesFilter(subject(), { all: [{ field: 'language', op: 'eq', value: 'EN' }, { field: 'countryCode', op: 'in', value: ['id', 'my'] }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'language', op: 'eq', value: 'en' }, { field: 'countryCode', op: 'eq', value: 'MY' }] })).toBe(false);
    expect(matchesFilter(subject(), { all: [] })).toBe(true);
    expect(matchesFilter(subject(), null)).toBe(true);
  });

  it('tag: eq / in mean "has", neq "has not", exists "has any"', () => {
    expect(matchesFilter(subject(), { all: [{ field: 'tag', op: 'eq', value: 'vip' }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'tag', op: 'neq', value: 'vip' }] })).toBe(false);
    expect(matchesFilter(subject(), { all: [{ field: 'tag', op: 'in', value: ['gold', 'PAID'] }] })).toBe(true);
    expect(matchesFilter(subject({ tags: [] }), { all: [{ field: 'tag', op: 'exists' }] })).toBe(false);
    expect(matchesFilter(subject({ tags: [] }), { all: [{ field: 'tag', op: 'exists', value: false }] })).toBe(true);
  });

  it('exists, gt and lt on thread fields and custom fields', () => {
    expect(matchesFilter(subject(), { all: [{ field: 'teamId', op: 'exists', value: false }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'lastMessageAt', op: 'gt', value: '2026-11-01T00:00:00.000Z' }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'lastMessageAt', op: 'lt', value: '2026-11-01T00:00:00.000Z' }] })).toBe(false);
    expect(matchesFilter(subject(), { all: [{ field: 'customFields.seats', op: 'gt', value: 10 }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'customFields.plan', op: 'eq', value: 'pro' }] })).toBe(true);
    expect(matchesFilter(subject(), { all: [{ field: 'customFields.region', op: 'exists' }] })).toBe(false);
    expect(matchesFilter(subject({ lastMessageAt: null }), { all: [{ field: 'lastMessageAt', op: 'lt', value: '2030-01-01T00:00:00.000Z' }] })).toBe(false);
  });
});
