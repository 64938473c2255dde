import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ACCOUNTS } from '../auth/application/ports';
import { DirectoryAccounts } from './adapters/auth/accounts';
import { API_TOKEN_MODEL, ApiTokenSchema } from './adapters/mongo/api-tokens.schema';
import { ApiTokensRepository } from './adapters/mongo/api-tokens.repository';
import { TEAM_MODEL, TeamSchema } from './adapters/mongo/teams.schema';
import { TeamsRepository } from './adapters/mongo/teams.repository';
import { USER_MODEL, UserSchema } from './adapters/mongo/users.schema';
import { UsersRepository } from './adapters/mongo/users.repository';
import { WORKSPACE_MODEL, WorkspaceSchema } from './adapters/mongo/workspaces.schema';
import { WorkspacesRepository } from './adapters/mongo/workspaces.repository';
import { API_TOKENS, TEAMS, USERS, WORKSPACES } from './application/ports';

/**
 * The directory's collections and their repositories, and the accounts authentication reads
 * (`ACCOUNTS`). A module of its own so that AuthModule can import it without importing the directory's
 * use cases, which depend on auth.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WORKSPACE_MODEL, schema: WorkspaceSchema },
      { name: USER_MODEL, schema: UserSchema },
      { name: TEAM_MODEL, schema: TeamSchema },
      { name: API_TOKEN_MODEL, schema: ApiTokenSchema },
    ]),
  ],
  providers: [
    { provide: WORKSPACES, useClass: WorkspacesRepository },
    { provide: USERS, useClass: UsersRepository },
    { provide: TEAMS, useClass: TeamsRepository },
    { provide: API_TOKENS, useClass: ApiTokensRepository },
    { provide: ACCOUNTS, useClass: DirectoryAccounts },
  ],
  exports: [WORKSPACES, USERS, TEAMS, API_TOKENS, ACCOUNTS],
})
export class DirectoryStorageModule {}
