import { Module } from '@nestjs/common';
import { DirectoryController } from './adapters/http/directory.controller';
import { CreateApiToken } from './application/create-api-token';
import { CreateTeam } from './application/create-team';
import { CreateUser } from './application/create-user';
import { CreateWorkspace } from './application/create-workspace';
import { ListApiTokens } from './application/list-api-tokens';
import { ListTeams } from './application/list-teams';
import { ListUsers } from './application/list-users';
import { RevokeApiToken } from './application/revoke-api-token';
import { UpdateTeam } from './application/update-team';
import { UpdateUser } from './application/update-user';
import { DirectoryLookups } from './directory-lookups';
import { DirectoryStorageModule } from './directory-storage.module';

const USE_CASES = [CreateWorkspace, CreateUser, UpdateUser, ListUsers, CreateTeam, UpdateTeam, ListTeams, CreateApiToken, ListApiTokens, RevokeApiToken];

/**
 * The workspace directory: workspaces, users, teams and API tokens (API.md "Workspace and
 * directory"). Other folders read users and teams through `DirectoryLookups`.
 */
@Module({
  imports: [DirectoryStorageModule],
  controllers: [DirectoryController],
  providers: [...USE_CASES, DirectoryLookups],
  exports: [DirectoryLookups],
})
export class DirectoryModule {}
