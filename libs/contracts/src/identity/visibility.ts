import type { CallerScope } from './caller';

/**
 * What decides who may see a thread (and the contact it belongs to): its assignee and team, its
 * collaborators, and users @mentioned on it until their access expires.
 */
export interface ThreadAccess {
  assigneeId: string | null;
  teamId: string | null;
  collaboratorIds: string[];
  /** userId → ISO time until which a mention grants access (SRC-3, 24 h). */
  mentionedUntil: Record<string, string>;
}

export const NO_ACCESS_GRANTS: ThreadAccess = { assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {} };

/** True when the caller sees everything in their workspace (VIS-1, and VIS-2 restriction `none`). */
export function seesWholeWorkspace(caller: CallerScope): boolean {
  return caller.kind === 'api' || caller.role !== 'agent' || caller.restriction === 'none';
}

/** VIS-1…3 for one thread. Callers apply it after scoping the read to `caller.workspaceId`. */
export function canSeeThread(caller: CallerScope, access: ThreadAccess, now: Date = new Date()): boolean {
  if (seesWholeWorkspace(caller)) return true;
  const me = caller.principalId;
  if (access.assigneeId === me) return true;
  if (access.collaboratorIds.includes(me)) return true;
  const until = access.mentionedUntil[me];
  if (until && Date.parse(until) > now.getTime()) return true;
  if (caller.restriction === 'team') {
    if (access.teamId && caller.teamIds.includes(access.teamId)) return true;
    if (access.assigneeId && caller.teamMemberIds.includes(access.assigneeId)) return true;
  }
  return false;
}
