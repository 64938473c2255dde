import type { CallerScope, Role } from '@omnibox/contracts';

/** Who is acting on the directory: a signed-in user or an integration's API token. */
export interface Actor {
  kind: 'user' | 'api';
  id: string;
  role: Role;
}

/** Why a rule refuses an action, in API.md's error terms. */
export type Refusal = { status: 403 | 422 | 400; code: string; message: string; field?: string };

export function actorOf(scope: Pick<CallerScope, 'kind' | 'principalId' | 'role'>): Actor {
  return { kind: scope.kind, id: scope.principalId, role: scope.role };
}

/** Owners and managers manage users, teams, channels and API tokens; agents and API tokens do not. */
export function mayManageDirectory(actor: Actor): Refusal | null {
  if (actor.kind === 'api') return { status: 403, code: 'forbidden', message: 'API tokens cannot manage users, teams, channels or tokens' };
  if (actor.role === 'agent') return { status: 403, code: 'forbidden', message: 'Agents cannot manage users, teams, channels or tokens; ask an owner or a manager' };
  return null;
}

/** Everyone may change their own name and password; anything else about a user is directory management. */
export function mayChangeUser(actor: Actor, userId: string, touchesAccess: boolean): Refusal | null {
  const self = actor.kind === 'user' && actor.id === userId;
  return self && !touchesAccess ? null : mayManageDirectory(actor);
}

/** Only an owner may create an owner, or change or promote to owner. */
export function mayAssignRole(actor: Actor, targetCurrentRole: Role | null, newRole: Role | undefined): Refusal | null {
  const touchesOwner = newRole === 'owner' || targetCurrentRole === 'owner';
  if (touchesOwner && actor.role !== 'owner') {
    return { status: 403, code: 'forbidden', message: 'Only an owner can create, change or promote an owner' };
  }
  return null;
}

/** A workspace always keeps at least one owner. */
export function keepsAnOwner(ownerCount: number, targetCurrentRole: Role, newRole: Role | undefined): Refusal | null {
  if (targetCurrentRole === 'owner' && newRole && newRole !== 'owner' && ownerCount <= 1) {
    return { status: 422, code: 'last_owner', message: 'The workspace must keep at least one owner; promote another user first' };
  }
  return null;
}
