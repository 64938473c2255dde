import type { Restriction, Role } from '@omnibox/contracts';

/** Who is acting on the directory: a signed-in user or an integration's API token. */
export interface Actor {
  kind: 'user' | 'api';
  id: string;
  role: Role;
}

export type Refusal = { status: 403 | 422 | 400; code: string; message: string; field?: string };

/** Owners and managers manage users, teams, channels and API tokens; agents and API tokens do not. */
export function mayManageDirectory(actor: Actor): Refusal | null {
  if (actor.kind === 'api') return { status: 403, code: 'forbidden', message: 'API tokens cannot manage users, teams, channels or tokens' };
  if (actor.role === 'agent') return { status: 403, code: 'forbidden', message: 'Agents cannot manage users, teams, channels or tokens; ask an owner or a manager' };
  return null;
}

/** Only an owner may create an owner, or change or promote to owner. */
export function mayAssignRole(actor: Actor, targetCurrentRole: Role | null, newRole: Role | undefined): Refusal | null {
  const touchesOwner = newRole === 'owner' || targetCurrentRole === 'owner';
  if (touchesOwner && actor.role !== 'owner') {
    return { status: 403, code: 'forbidden', message: 'Only an owner can create, change or promote an owner' };
  }
  return null;
}

/** A restriction narrows what an agent sees (VIS-2); owners and managers always see everything (VIS-1). */
export function effectiveRestriction(role: Role, requested: Restriction | undefined): Restriction | Refusal {
  if (role !== 'agent') {
    if (requested && requested !== 'none') {
      return { status: 400, code: 'invalid_input', field: 'restriction', message: 'restriction: only agents can be restricted; owners and managers see everything' };
    }
    return 'none';
  }
  return requested ?? 'none';
}

/** A workspace always keeps at least one owner. */
export function keepsAnOwner(ownerCount: number, targetCurrentRole: Role, newRole: Role | undefined): Refusal | null {
  if (targetCurrentRole === 'owner' && newRole && newRole !== 'owner' && ownerCount <= 1) {
    return { status: 422, code: 'last_owner', message: 'The workspace must keep at least one owner; promote another user first' };
  }
  return null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
