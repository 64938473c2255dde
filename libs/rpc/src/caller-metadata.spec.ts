import type { CallerScope } from '@omnibox/contracts';
import { callerFromMetadata, callerMetadata } from './caller-metadata';

const caller: CallerScope = { workspaceId: 'w1', principalId: 'u1', kind: 'user', role: 'agent', restriction: 'self', teamIds: [], teamMemberIds: [], canViewBlocked: false };

describe('the caller scope signed with the internal secret', () => {
  it('while the secret is rotated, a scope signed with the previous secret is still accepted, and only then', () => {
    const signedWithOld = callerMetadata(caller, 'old-internal-secret-1');
    expect(callerFromMetadata(signedWithOld, ['new-internal-secret-2', 'old-internal-secret-1'])).toEqual(caller);
    expect(() => callerFromMetadata(signedWithOld, ['new-internal-secret-2'])).toThrow(expect.objectContaining({ status: 401, code: 'caller_forged' }));
    expect(callerFromMetadata(callerMetadata(caller, 'new-internal-secret-2'), ['new-internal-secret-2', 'old-internal-secret-1'])).toEqual(caller);
  });
});
