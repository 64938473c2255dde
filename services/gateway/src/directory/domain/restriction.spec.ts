import { effectiveRestriction } from './restriction';

describe('restriction', () => {
  it('VIS-1/VIS-2: only agents carry a restriction; it defaults to none', () => {
    expect(effectiveRestriction('agent', 'self')).toBe('self');
    expect(effectiveRestriction('agent', undefined)).toBe('none');
    expect(effectiveRestriction('manager', undefined)).toBe('none');
    expect(effectiveRestriction('owner', 'none')).toBe('none');
    expect(effectiveRestriction('manager', 'team')).toMatchObject({ status: 400, field: 'restriction' });
  });
});
