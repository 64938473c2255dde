import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DirectoryStore } from '../directory/directory.store';

/** Whether the assignee or team a contact is created with exists in the caller's workspace. */
export interface WorkspaceMembers {
  hasUser(workspaceId: string, userId: string): Promise<boolean>;
  hasTeam(workspaceId: string, teamId: string): Promise<boolean>;
}

export const WORKSPACE_MEMBERS = Symbol('WorkspaceMembers');

/**
 * The gateway's workspace directory answers. It lives in the gateway's root module (the directory is
 * the gateway core's), so it is looked up once the application is up rather than imported as a module.
 */
@Injectable()
export class DirectoryWorkspaceMembers implements WorkspaceMembers {
  constructor(private readonly modules: ModuleRef) {}

  private get directory(): DirectoryStore {
    return this.modules.get(DirectoryStore, { strict: false });
  }

  async hasUser(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.directory.users.countDocuments({ _id: userId, workspaceId }, { limit: 1 })) > 0;
  }

  async hasTeam(workspaceId: string, teamId: string): Promise<boolean> {
    return (await this.directory.teams.countDocuments({ _id: teamId, workspaceId }, { limit: 1 })) > 0;
  }
}
