import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { Directory } from '../../application/ports';
import { DirectoryTeam, DirectoryUser, WorkspaceDirectory, workspaceDirectoryOf } from '../../domain/directory';
import { CacheVersions, VersionedCache } from '../redis/cache-versions';
import { DIRECTORY_TEAM_MODEL, DirectoryTeamDoc } from './directory-teams.schema';
import { DIRECTORY_USER_MODEL, DirectoryUserDoc } from './directory-users.schema';

/**
 * The copy of the workspace directory notifications are decided on (`notifications_directory_users`,
 * `notifications_directory_teams`), written from the gateway's `directory.*` events. Every event needs
 * it, so each replica keeps it in memory while its version in Redis holds.
 */
@Injectable()
export class MongoDirectory implements Directory {
  private readonly cache: VersionedCache<WorkspaceDirectory>;

  constructor(
    @InjectModel(DIRECTORY_USER_MODEL) private readonly users: Model<DirectoryUserDoc>,
    @InjectModel(DIRECTORY_TEAM_MODEL) private readonly teams: Model<DirectoryTeamDoc>,
    versions: CacheVersions,
  ) {
    this.cache = new VersionedCache(versions, 'directory', (workspaceId) => this.load(workspaceId));
  }

  of(workspaceId: string): Promise<WorkspaceDirectory> {
    return this.cache.get(workspaceId);
  }

  async saveUser(workspaceId: string, user: DirectoryUser, at: string): Promise<void> {
    const { id, ...state } = { ...user, workspaceId, at };
    const saved = await saveIfNewer(
      () => this.users.updateOne({ _id: id, at: { $lte: at } }, { $set: state }).exec(),
      () => this.users.insertMany([{ _id: id, ...state }]),
    );
    if (saved) await this.cache.changed(workspaceId);
  }

  async saveTeam(workspaceId: string, team: DirectoryTeam, at: string): Promise<void> {
    const { id, ...state } = { ...team, workspaceId, at };
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
      users.map((user) => ({ id: user._id, name: user.name, role: user.role, restriction: user.restriction, canViewBlocked: user.canViewBlocked })),
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
