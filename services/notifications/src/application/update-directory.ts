import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryTeam, DirectoryUser } from '../domain/directory';
import { DIRECTORY, Directory } from './ports';

export type DirectoryChange = { kind: 'user'; user: DirectoryUser } | { kind: 'team'; team: DirectoryTeam };

/**
 * A user or team of the workspace was created or changed (`directory.*` events from the gateway):
 * the copy of the directory notifications are decided on follows. An older change changes nothing.
 */
@Injectable()
export class UpdateDirectory {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  async execute(workspaceId: string, change: DirectoryChange, at: string): Promise<void> {
    if (change.kind === 'user') await this.directory.saveUser(workspaceId, change.user, at);
    else await this.directory.saveTeam(workspaceId, change.team, at);
  }
}
