import { CallerScope, canSeeThread, seesWholeWorkspace } from '@omnibox/contracts';
import { currentGrantKeys } from './access';
import type { ContactDocument } from './contact-document';

/** Elasticsearch query DSL. */
export type Clause = Record<string, unknown>;

/**
 * VIS-1…3 inside the query (VIS-4): owners, managers and unrestricted agents see the whole workspace;
 * others see documents whose thread is assigned to them, has them as collaborator, mentioned them
 * within the last 24 h, or (restriction `team`) belongs to one of their teams or to a teammate.
 * The same rule as `canSeeThread` (libs/contracts), written as a filter on the stored access.
 */
export function visibilityFilter(caller: CallerScope, now: Date): Clause[] {
  if (seesWholeWorkspace(caller)) return [];
  const me = caller.principalId;
  const should: Clause[] = [
    { term: { assigneeId: me } },
    { term: { collaboratorIds: me } },
    { terms: { mentionGrants: currentGrantKeys(me, now) } },
  ];
  if (caller.restriction === 'team') {
    if (caller.teamIds.length) should.push({ terms: { teamId: caller.teamIds } });
    if (caller.teamMemberIds.length) should.push({ terms: { assigneeId: caller.teamMemberIds } });
  }
  return [{ bool: { should, minimum_should_match: 1 } }];
}

/** Workspace, visibility and blocked contacts (shown only to users allowed to see them, INB-4). */
export function scopeFilters(caller: CallerScope, now: Date): Clause[] {
  return [{ term: { workspaceId: caller.workspaceId } }, ...(caller.canViewBlocked ? [] : [{ term: { blocked: false } }]), ...visibilityFilter(caller, now)];
}

/**
 * SRH-7 / VIS-4: whether the caller may search inside this contact's thread: the same scope as the
 * filters above, checked on one document (a missing, deleted or merged-away contact is seen by nobody).
 */
export function canSearchThread(caller: CallerScope, doc: ContactDocument | null, now: Date = new Date()): boolean {
  if (!doc || doc.deleted || doc.workspaceId !== caller.workspaceId) return false;
  if (doc.blocked && !caller.canViewBlocked) return false;
  const mentionedUntil = Object.fromEntries((doc.mentions ?? []).map((mention) => [mention.userId, mention.until]));
  return canSeeThread(caller, { ...doc, mentionedUntil }, now);
}
