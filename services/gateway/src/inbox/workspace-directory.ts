import { Injectable } from '@nestjs/common';
import type { CallerScope, WorkspaceTeam } from '@omnibox/contracts';
import { PrincipalCache } from '../auth/principal-cache';
import { DirectoryStore } from '../directory/directory.store';

export interface WorkspaceSnapshot {
  /** Teams in sidebar order (by name). */
  teams: WorkspaceTeam[];
  /** Every user's visibility scope, as the auth guard would build it. */
  users: CallerScope[];
  members(teamId: string): string[];
}

const TTL_MS = 2000;

/**
 * The directory of a workspace as the inbox needs it: teams and every user's scope, for dots, counts
 * and realtime audiences. Kept in memory per directory version (every directory write bumps it), and
 * re-read at most every two seconds otherwise.
 */
@Injectable()
export class WorkspaceDirectory {
  private readonly cache = new Map<string, { version: string | undefined; at: number; checkedAt: number; snapshot: WorkspaceSnapshot }>();

  constructor(
    private readonly store: DirectoryStore,
    private readonly principals: PrincipalCache,
  ) {}

  /**
   * The workspace's teams and users. Checked against the directory version on every call, unless
   * `maxAgeMs` says a snapshot that recent will do (never for what decides access).
   */
  async of(workspaceId: string, options: { maxAgeMs?: number } = {}): Promise<WorkspaceSnapshot> {
    const cached = this.cache.get(workspaceId);
    if (cached && options.maxAgeMs !== undefined && Date.now() - cached.checkedAt < options.maxAgeMs) return cached.snapshot;
    const version = await this.principals.version(workspaceId);
    if (cached && version !== undefined && cached.version === version) {
      cached.checkedAt = Date.now();
      if (Date.now() - cached.at < 60_000) return cached.snapshot;
    }
    if (cached && version === undefined && Date.now() - cached.at < TTL_MS) return cached.snapshot;
    const snapshot = await this.load(workspaceId);
    this.cache.set(workspaceId, { version, at: Date.now(), checkedAt: Date.now(), snapshot });
    return snapshot;
  }

  async teams(workspaceId: string): Promise<WorkspaceTeam[]> {
    return (await this.of(workspaceId)).teams;
  }

  private async load(workspaceId: string): Promise<WorkspaceSnapshot> {
    const [teamDocs, userDocs] = await Promise.all([
      this.store.teams.find({ workspaceId }, { projection: { _id: 1, name: 1, memberIds: 1 } }).toArray(),
      this.store.users.find({ workspaceId }, { projection: { _id: 1, role: 1, restriction: 1, canViewBlocked: 1 } }).toArray(),
    ]);
    const teams = teamDocs.map((team) => ({ id: team._id, name: team.name, memberIds: team.memberIds ?? [] })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const users: CallerScope[] = userDocs.map((user) => {
      const mine = teams.filter((team) => team.memberIds.includes(user._id));
      return {
        workspaceId,
        principalId: user._id,
        kind: 'user',
        role: user.role,
        restriction: user.restriction,
        teamIds: mine.map((team) => team.id),
        teamMemberIds: user.role === 'agent' && user.restriction === 'team' ? [...new Set(mine.flatMap((team) => team.memberIds))] : [],
        canViewBlocked: user.canViewBlocked,
      };
    });
    const byId = new Map(teams.map((team) => [team.id, team.memberIds]));
    return { teams, users, members: (teamId) => byId.get(teamId) ?? [] };
  }
}
