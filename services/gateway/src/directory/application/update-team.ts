import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, DirectoryTeam, TeamUpdated } from '@omnibox/contracts';
import { conflict, notFound } from '@omnibox/platform';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { actorOf, mayManageDirectory } from '../domain/roles';
import { teamView } from '../domain/team';
import { announce, eventActor, refuse } from './acting';
import { AlreadyTaken, TeamChange, TEAMS, TeamRepository, USERS, UserRepository } from './ports';
import { checkMembers } from './team-members';

/** `PATCH /v1/teams/{id}` (owners and managers): a new name, new members, or both. */
@Injectable()
export class UpdateTeam {
  constructor(
    @Inject(TEAMS) private readonly teams: TeamRepository,
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, teamId: string, input: TeamChange): Promise<DirectoryTeam> {
    refuse(mayManageDirectory(actorOf(scope)));
    const workspaceId = scope.workspaceId;
    const current = await this.teams.byId(workspaceId, teamId);
    if (!current) throw notFound('Team');
    if (input.memberIds) await checkMembers(this.users, workspaceId, input.memberIds);
    const change: TeamChange = {};
    if (input.name !== undefined) change.name = input.name.trim();
    if (input.memberIds !== undefined) change.memberIds = input.memberIds;
    const after = { ...current, ...change };
    const event = announce(TeamUpdated, workspaceId, teamId, { team: teamView(after), changed: Object.keys(input) }, eventActor(scope));
    const updated = await this.teams.update(workspaceId, teamId, change, [event]).catch((error: unknown) => {
      if (error instanceof AlreadyTaken) throw conflict(`name: a team named "${change.name}" already exists`, 'team_name_taken', { field: 'name' });
      throw error;
    });
    await this.principals.invalidate(workspaceId);
    if (!updated) throw notFound('Team');
    return teamView(updated);
  }
}
