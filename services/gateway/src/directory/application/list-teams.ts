import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, DirectoryTeam } from '@omnibox/contracts';
import { mapPage, Page, PageRequest } from '../../common/pagination';
import { teamView } from '../domain/team';
import { TEAMS, TeamRepository } from './ports';

/** `GET /v1/teams`: every user sees the workspace's teams. */
@Injectable()
export class ListTeams {
  constructor(@Inject(TEAMS) private readonly teams: TeamRepository) {}

  async execute(scope: CallerScope, request: PageRequest): Promise<Page<DirectoryTeam>> {
    return mapPage(await this.teams.page(scope.workspaceId, request), teamView);
  }
}
