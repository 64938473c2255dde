import { Inject, Injectable } from '@nestjs/common';
import type { Account, Accounts, ApiTokenCredential } from '../../../auth/application/ports';
import type { Membership } from '@omnibox/contracts';
import { API_TOKENS, ApiTokenRepository, TEAMS, TeamRepository, USERS, UserRepository, WORKSPACES, WorkspaceRepository } from '../../application/ports';
import { normaliseEmail } from '../../domain/email';
import { User, userView } from '../../domain/user';

function accountOf(user: User): Account {
  return { user: userView(user), workspaceId: user.workspaceId, passwordHash: user.passwordHash, tokenVersion: user.tokenVersion };
}

/** The directory as authentication reads it (auth's `ACCOUNTS` port). */
@Injectable()
export class DirectoryAccounts implements Accounts {
  constructor(
    @Inject(WORKSPACES) private readonly workspaces: WorkspaceRepository,
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(TEAMS) private readonly teams: TeamRepository,
    @Inject(API_TOKENS) private readonly tokens: ApiTokenRepository,
  ) {}

  async byEmail(email: string): Promise<Account | null> {
    const user = await this.users.byEmail(normaliseEmail(email));
    return user && accountOf(user);
  }

  async byId(workspaceId: string, userId: string): Promise<Account | null> {
    const user = await this.users.byId(workspaceId, userId);
    return user && accountOf(user);
  }

  async teamsOf(workspaceId: string, userId: string): Promise<Membership[]> {
    return (await this.teams.ofMember(workspaceId, userId)).map((team) => ({ id: team.id, memberIds: team.memberIds }));
  }

  async apiToken(id: string): Promise<ApiTokenCredential | null> {
    const token = await this.tokens.byId(id);
    return token && { id: token.id, workspaceId: token.workspaceId, name: token.name, secretHash: token.secretHash, revoked: Boolean(token.revokedAt) };
  }

  workspaceExists(workspaceId: string): Promise<boolean> {
    return this.workspaces.exists(workspaceId);
  }
}
