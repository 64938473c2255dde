import type { CallerScope } from '@omnibox/contracts';
import { maskPhone, phoneFor } from './masking';

const scope = (role: CallerScope['role'], kind: CallerScope['kind'] = 'user'): CallerScope => ({ workspaceId: 'w', principalId: 'u', kind, role, restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true });

describe('phone number masking (CAL-1)', () => {
  it('CAL-1: agents see the last four digits when the workspace masks numbers', () => {
    expect(maskPhone('+1 555 123 4321')).toBe('+•••••••4321');
    expect(phoneFor(scope('agent'), '+15551234321', true)).toBe('+•••••••4321');
  });

  it('CAL-1: owners, managers and API tokens see whole numbers; nobody is masked while masking is off', () => {
    expect(phoneFor(scope('owner'), '+15551234321', true)).toBe('+15551234321');
    expect(phoneFor(scope('manager'), '+15551234321', true)).toBe('+15551234321');
    expect(phoneFor(scope('manager', 'api'), '+15551234321', true)).toBe('+15551234321');
    expect(phoneFor(scope('agent'), '+15551234321', false)).toBe('+15551234321');
    expect(phoneFor(scope('agent'), null, true)).toBeNull();
  });

  it('a number too short to keep four digits is hidden whole', () => {
    expect(maskPhone('123')).toBe('•••');
  });
});
