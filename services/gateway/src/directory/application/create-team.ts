import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, DirectoryTeam, TeamCreated } from '@omnibox/contracts';
import { conflict } from '@omnibox/platform';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { actorOf, mayManageDirectory } from '../domain/roles';
import { Team, teamView } from '../domain/team';
import { announce, eventActor, refuse } from './acting';
import { AlreadyTaken, TEAMS, TeamRepository, USERS, UserRepository } from './ports';
import { checkMembers } from './team-members';

/** `POST /v1/teams` (owners and managers). */
@Injectable()
export class CreateTeam {
  constructor(
    @Inject(TEAMS) private readonly teams: TeamRepository,
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, input: { name: string; memberIds: string[] }): Promise<DirectoryTeam> {
    refuse(mayManageDirectory(actorOf(scope)));
    const workspaceId = scope.workspaceId;
    await checkMembers(this.users, workspaceId, input.memberIds);
    const team: Team = { id: this.teams.nextId(), workspaceId, name: input.name.trim(), memberIds: input.memberIds };
    try {
      await this.teams.insert(team, [announce(TeamCreated, workspaceId, team.id, { team: teamView(team) }, eventActor(scope))]);
    } catch (error) {
      if (error instanceof AlreadyTaken) throw conflict(`name: a team named "${team.name}" already exists`, 'team_name_taken', { field: 'name' });
      throw error;
    }
    await this.principals.invalidate(workspaceId);
    return teamView(team);
  }
}
