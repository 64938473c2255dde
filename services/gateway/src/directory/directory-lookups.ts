import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryTeam, DirectoryUser } from '@omnibox/contracts';
import { TEAMS, TeamRepository, USERS, UserRepository } from './application/ports';
import { teamView } from './domain/team';
import { userView } from './domain/user';

/**
 * What the rest of the gateway reads from the directory (users and teams of a workspace), as the
 * directory shows them: never a password hash or token version.
 */
@Injectable()
export class DirectoryLookups {
  constructor(
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(TEAMS) private readonly teams: TeamRepository,
  ) {}

  async user(workspaceId: string, userId: string): Promise<DirectoryUser | null> {
    const user = await this.users.byId(workspaceId, userId);
    return user && userView(user);
  }

  async team(workspaceId: string, teamId: string): Promise<DirectoryTeam | null> {
    const team = await this.teams.byId(workspaceId, teamId);
    return team && teamView(team);
  }

  /** Every user of the workspace, in creation order. */
  async usersOf(workspaceId: string): Promise<DirectoryUser[]> {
    return (await this.users.all(workspaceId)).map(userView);
  }

  /** Every team of the workspace, in creation order. */
  async teamsOfWorkspace(workspaceId: string): Promise<DirectoryTeam[]> {
    return (await this.teams.all(workspaceId)).map(teamView);
  }

  /** The teams a user belongs to. */
  async teamsOf(workspaceId: string, userId: string): Promise<DirectoryTeam[]> {
    return (await this.teams.ofMember(workspaceId, userId)).map(teamView);
  }

  /** Which of these ids are users of the workspace. */
  existingUsers(workspaceId: string, userIds: string[]): Promise<string[]> {
    return this.users.existing(workspaceId, userIds);
  }

  /** Which of these ids are teams of the workspace. */
  existingTeams(workspaceId: string, teamIds: string[]): Promise<string[]> {
    return this.teams.existing(workspaceId, teamIds);
  }
}
