import { defineEvent } from './envelope';

/** Events of the workspace directory (owned by the gateway). Payloads never carry secrets. */
export type Role = 'owner' | 'manager' | 'agent';
export type Restriction = 'none' | 'team' | 'self';

export interface DirectoryUser {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
}

export interface DirectoryTeam {
  id: string;
  name: string;
  memberIds: string[];
}

export const WorkspaceCreated = defineEvent<{ id: string; name: string; ownerId: string }>('directory.workspace.created');
export const UserCreated = defineEvent<{ user: DirectoryUser }>('directory.user.created');
export const UserUpdated = defineEvent<{ user: DirectoryUser; changed: string[] }>('directory.user.updated');
export const TeamCreated = defineEvent<{ team: DirectoryTeam }>('directory.team.created');
export const TeamUpdated = defineEvent<{ team: DirectoryTeam; changed: string[] }>('directory.team.updated');
export const ApiTokenCreated = defineEvent<{ id: string; name: string }>('directory.api_token.created');
export const ApiTokenRevoked = defineEvent<{ id: string; name: string }>('directory.api_token.revoked');
