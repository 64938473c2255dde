import { Injectable } from '@nestjs/common';
import { DirectoryReadModel } from '@omnibox/directory';
import type { Teams } from '../../application/ports';

/** The Teams port over the shared directory read model (libs/directory, `calls-directory`). */
@Injectable()
export class DirectoryTeams implements Teams {
  constructor(private readonly directory: DirectoryReadModel) {}

  async ofWorkspace(workspaceId: string): Promise<{ teamIds: string[]; members(teamId: string): string[] }> {
    const directory = await this.directory.of(workspaceId);
    return { teamIds: directory.teams.map((team) => team.id), members: (teamId) => directory.members(teamId) };
  }
}
