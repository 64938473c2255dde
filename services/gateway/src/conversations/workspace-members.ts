import { Injectable } from '@nestjs/common';
import { invalidInput } from '@omnibox/platform';
import { DirectoryLookups } from '../directory/directory-lookups';

/** The users and teams a conversations request names, checked against the workspace directory (owned by the gateway core). */
@Injectable()
export class WorkspaceMembers {
  constructor(private readonly directory: DirectoryLookups) {}

  /** A user of the workspace; 400 naming `field` otherwise. */
  async user(workspaceId: string, userId: string, field: string): Promise<void> {
    if (!(await this.directory.user(workspaceId, userId))) throw invalidInput(field, 'is not a user of this workspace');
  }

  /** A team of the workspace with its members; 400 naming `teamId` otherwise. */
  async team(workspaceId: string, teamId: string): Promise<{ id: string; memberIds: string[] }> {
    const team = await this.directory.team(workspaceId, teamId);
    if (!team) throw invalidInput('teamId', 'is not a team of this workspace');
    return { id: team.id, memberIds: team.memberIds };
  }

  /** The teams a user belongs to (CNV-4: assigning to a user keeps the thread's team only if they are in it). */
  async teamIdsOf(workspaceId: string, userId: string): Promise<string[]> {
    return (await this.directory.teamsOf(workspaceId, userId)).map((team) => team.id);
  }
}
