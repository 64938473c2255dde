import { Injectable } from '@nestjs/common';
import { DirectoryLookups } from '../directory/directory-lookups';

/** Whether the assignee or team a contact is created with exists in the caller's workspace. */
export interface WorkspaceMembers {
  hasUser(workspaceId: string, userId: string): Promise<boolean>;
  hasTeam(workspaceId: string, teamId: string): Promise<boolean>;
}

export const WORKSPACE_MEMBERS = Symbol('WorkspaceMembers');

/** The gateway's workspace directory answers (the directory is the gateway core's). */
@Injectable()
export class DirectoryWorkspaceMembers implements WorkspaceMembers {
  constructor(private readonly directory: DirectoryLookups) {}

  async hasUser(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.directory.user(workspaceId, userId)) !== null;
  }

  async hasTeam(workspaceId: string, teamId: string): Promise<boolean> {
    return (await this.directory.team(workspaceId, teamId)) !== null;
  }
}
