import type { Restriction, Role } from '../events/directory-events';

/**
 * Who is calling and what they may see: passed by the gateway on every gRPC call so that services
 * apply visibility (VIS-1…4) inside their own queries.
 */
export interface CallerScope {
  workspaceId: string;
  /** The user id, or the API token id when `kind` is `api`. */
  principalId: string;
  kind: 'user' | 'api';
  role: Role;
  restriction: Restriction;
  teamIds: string[];
  /**
   * Members of the caller's teams, for restriction `team` (VIS-2: a thread whose assignee belongs to
   * one of the caller's teams is visible). Empty for other restrictions.
   */
  teamMemberIds: string[];
  canViewBlocked: boolean;
  correlationId?: string;
}
