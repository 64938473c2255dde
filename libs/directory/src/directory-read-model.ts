import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import { DIRECTORY_TEAM_MODEL, DIRECTORY_USER_MODEL, DirectoryTeamDoc, DirectoryUserDoc } from './directory.schema';
import { CacheVersions, VersionedCache } from './versioned-cache';
import { DirectoryUser, WorkspaceDirectory, workspaceDirectoryOf, WorkspaceTeam } from './workspace-directory';

/**
 * A service's copy of the workspace directory (`directory_users`, `directory_teams` in its own
 * database), written from the gateway's `directory.*` events (DirectoryReadModelModule). Read on hot
 * paths (every list, push or incoming message may need it), so each replica keeps it in memory while its
 * version in Redis holds.
 */
@Injectable()
export class DirectoryReadModel {
  private readonly cache: VersionedCache<WorkspaceDirectory>;

  constructor(
    @InjectModel(DIRECTORY_USER_MODEL) private readonly users: Model<DirectoryUserDoc>,
    @InjectModel(DIRECTORY_TEAM_MODEL) private readonly teams: Model<DirectoryTeamDoc>,
    versions: CacheVersions,
  ) {
    this.cache = new VersionedCache(versions, 'directory', (workspaceId) => this.load(workspaceId));
  }

  /** The directory of a workspace; `maxAgeMs` accepts a copy checked that recently (never for what decides access). */
  of(workspaceId: string, options: { maxAgeMs?: number } = {}): Promise<WorkspaceDirectory> {
    return this.cache.get(workspaceId, options.maxAgeMs);
  }

  async saveUser(workspaceId: string, user: DirectoryUser, at: string): Promise<void> {
    const { id, ...state } = { id: user.id, workspaceId, name: user.name ?? '', role: user.role, restriction: user.restriction, canViewBlocked: user.canViewBlocked, at };
    const saved = await saveIfNewer(
      () => this.users.updateOne({ _id: id, at: { $lte: at } }, { $set: state }).exec(),
      () => this.users.insertMany([{ _id: id, ...state }]),
    );
    if (saved) await this.cache.changed(workspaceId);
  }

  async saveTeam(workspaceId: string, team: WorkspaceTeam, at: string): Promise<void> {
    const { id, ...state } = { id: team.id, workspaceId, name: team.name, memberIds: team.memberIds, at };
    const saved = await saveIfNewer(
      () => this.teams.updateOne({ _id: id, at: { $lte: at } }, { $set: state }).exec(),
      () => this.teams.insertMany([{ _id: id, ...state }]),
    );
    if (saved) await this.cache.changed(workspaceId);
  }

  private async load(workspaceId: string): Promise<WorkspaceDirectory> {
    const [users, teams] = await Promise.all([this.users.find({ workspaceId }).lean<DirectoryUserDoc[]>().exec(), this.teams.find({ workspaceId }).lean<DirectoryTeamDoc[]>().exec()]);
    return workspaceDirectoryOf(
      workspaceId,
      users.map((user) => ({ id: user._id, name: user.name || undefined, role: user.role, restriction: user.restriction, canViewBlocked: user.canViewBlocked })),
      teams.map((team) => ({ id: team._id, name: team.name, memberIds: team.memberIds ?? [] })),
    );
  }
}

/**
 * Replaces a document unless it holds a newer state: an update of one recorded at the same time or
 * earlier, or else an insert, which fails when the document exists (then it is newer, and stays).
 */
async function saveIfNewer(update: () => Promise<{ matchedCount: number }>, insert: () => Promise<unknown>): Promise<boolean> {
  if ((await update()).matchedCount === 1) return true;
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
