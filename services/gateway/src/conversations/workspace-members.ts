import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { invalidInput } from '@omnibox/platform';
import { DirectoryStore } from '../directory/directory.store';

/**
 * The users and teams a conversations request names, checked against the workspace directory (owned
 * by the gateway core). The directory is provided by another module of the gateway, so it is looked
 * up across modules once everything is built.
 */
@Injectable()
export class WorkspaceMembers implements OnModuleInit {
  private directory: DirectoryStore;

  constructor(private readonly modules: ModuleRef) {}

  onModuleInit() {
    this.directory = this.modules.get(DirectoryStore, { strict: false });
  }

  /** A user of the workspace; 400 naming `field` otherwise. */
  async user(workspaceId: string, userId: string, field: string): Promise<void> {
    const user = await this.directory.users.findOne({ _id: userId, workspaceId }, { projection: { _id: 1 } });
    if (!user) throw invalidInput(field, 'is not a user of this workspace');
  }

  /** A team of the workspace with its members; 400 naming `teamId` otherwise. */
  async team(workspaceId: string, teamId: string): Promise<{ id: string; memberIds: string[] }> {
    const team = await this.directory.teams.findOne({ _id: teamId, workspaceId }, { projection: { _id: 1, memberIds: 1 } });
    if (!team) throw invalidInput('teamId', 'is not a team of this workspace');
    return { id: team._id, memberIds: team.memberIds };
  }

  /** The teams a user belongs to (CNV-4: assigning to a user keeps the thread's team only if they are in it). */
  async teamIdsOf(workspaceId: string, userId: string): Promise<string[]> {
    return (await this.directory.teamsOf(workspaceId, userId)).map((team) => team._id);
  }
}
