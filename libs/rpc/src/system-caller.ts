import { CallerScope } from '@omnibox/contracts';

/** The scope a service uses when it calls another service on its own behalf (not for a user). */
export function systemCaller(workspaceId: string, service: string): CallerScope {
  return { workspaceId, principalId: `system:${service}`, kind: 'api', role: 'manager', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true };
}
