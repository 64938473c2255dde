import { Injectable } from '@nestjs/common';
import type { DirectoryTeam, DirectoryUser } from '@omnibox/contracts';
import { DirectoryLookups } from './directory-lookups';

/*
 * TRANSITIONAL: the collection-shaped reads the conversations, contacts and inbox folders make today
 * (`store.users.findOne({ _id, workspaceId })`, `countDocuments`, `find(...).toArray()`, `teamsOf`),
 * answered from `DirectoryLookups` instead of raw collections. New code injects `DirectoryLookups`;
 * this file goes once nothing imports it.
 */

export type UserRecord = Omit<DirectoryUser, 'id'> & { _id: string };
export type TeamRecord = Omit<DirectoryTeam, 'id'> & { _id: string };
/** The only filters those callers use: the workspace, and one id or a list of ids. */
export interface LookupFilter {
  workspaceId: string;
  _id?: string | { $in: string[] };
}
/** Accepted for compatibility; answers always carry every field the directory shows. */
export interface LookupOptions {
  projection?: Record<string, number>;
  limit?: number;
}

interface RecordSource<R> {
  one(workspaceId: string, id: string): Promise<R | null>;
  all(workspaceId: string): Promise<R[]>;
  existing(workspaceId: string, ids: string[]): Promise<string[]>;
}

class LookupCollection<R extends { _id: string }> {
  constructor(private readonly source: RecordSource<R>) {}

  async findOne(filter: LookupFilter, _options?: LookupOptions): Promise<R | null> {
    return (await this.select(filter))[0] ?? null;
  }

  async countDocuments(filter: LookupFilter, _options?: LookupOptions): Promise<number> {
    if (typeof filter._id === 'object') return (await this.source.existing(filter.workspaceId, filter._id.$in)).length;
    return (await this.select(filter)).length;
  }

  find(filter: LookupFilter, _options?: LookupOptions): { toArray(): Promise<R[]> } {
    return { toArray: () => this.select(filter) };
  }

  private async select(filter: LookupFilter): Promise<R[]> {
    const id = filter._id;
    if (typeof id === 'string') {
      const one = await this.source.one(filter.workspaceId, id);
      return one ? [one] : [];
    }
    const all = await this.source.all(filter.workspaceId);
    if (!id) return all;
    const wanted = new Set(id.$in);
    return all.filter((record) => wanted.has(record._id));
  }
}

const userRecord = ({ id, ...rest }: DirectoryUser): UserRecord => ({ _id: id, ...rest });
const teamRecord = ({ id, ...rest }: DirectoryTeam): TeamRecord => ({ _id: id, ...rest });

@Injectable()
export class DirectoryStore {
  readonly users: LookupCollection<UserRecord>;
  readonly teams: LookupCollection<TeamRecord>;

  constructor(private readonly lookups: DirectoryLookups) {
    this.users = new LookupCollection<UserRecord>({
      one: async (workspaceId, id) => {
        const user = await lookups.user(workspaceId, id);
        return user && userRecord(user);
      },
      all: async (workspaceId) => (await lookups.usersOf(workspaceId)).map(userRecord),
      existing: (workspaceId, ids) => lookups.existingUsers(workspaceId, ids),
    });
    this.teams = new LookupCollection<TeamRecord>({
      one: async (workspaceId, id) => {
        const team = await lookups.team(workspaceId, id);
        return team && teamRecord(team);
      },
      all: async (workspaceId) => (await lookups.teamsOfWorkspace(workspaceId)).map(teamRecord),
      existing: (workspaceId, ids) => lookups.existingTeams(workspaceId, ids),
    });
  }

  /** The teams a user belongs to, with their members (the user's visibility scope, VIS-2). */
  async teamsOf(workspaceId: string, userId: string): Promise<TeamRecord[]> {
    return (await this.lookups.teamsOf(workspaceId, userId)).map(teamRecord);
  }
}
