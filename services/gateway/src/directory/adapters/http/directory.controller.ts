import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { invalidInput } from '@omnibox/platform';
import type { Request } from 'express';
import { GatewayRateLimits } from '../../../common/adapters/redis/gateway-rate-limits';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '../../../openapi/responses';
import { ApiTokenCreated, ApiTokenPage, Team, TeamPage, User, UserPage, WorkspaceCreated } from './directory.schemas';
import { CurrentPrincipal, Principal, Public } from '../../../auth/principal';
import { ListQuery, mapPage, pageRequest } from '../../../common/pagination';
import { CreateApiToken } from '../../application/create-api-token';
import { CreateTeam } from '../../application/create-team';
import { CreateUser } from '../../application/create-user';
import { CreateWorkspace } from '../../application/create-workspace';
import { ListApiTokens } from '../../application/list-api-tokens';
import { ListTeams } from '../../application/list-teams';
import { ListUsers } from '../../application/list-users';
import type { ApiToken } from '../../application/ports';
import { RevokeApiToken } from '../../application/revoke-api-token';
import { UpdateTeam } from '../../application/update-team';
import { UpdateUser } from '../../application/update-user';
import { CreateApiTokenInput, CreateTeamInput, CreateUserInput, CreateWorkspaceInput, UpdateTeamInput, UpdateUserInput } from './directory.dto';

/** An API token as listed: who made it, when, whether it still works; never its secret or hash. */
const apiTokenView = (token: ApiToken) => ({ id: token.id, name: token.name, createdBy: token.createdBy, createdAt: token.createdAt.toISOString(), revoked: Boolean(token.revokedAt) });

/** A PATCH must change something: an empty body is a client mistake, not a no-op 200. */
function requireChange(input: object): void {
  if (Object.values(input).every((value) => value === undefined)) throw invalidInput('body', 'must name at least one field to change');
}

/** API.md "Workspace and directory" (signing in and `/v1/me` are auth's). */
@ApiTags('workspace and directory')
@ApiBearerAuth()
@Controller('v1')
export class DirectoryController {
  constructor(
    private readonly createWorkspaceUseCase: CreateWorkspace,
    private readonly createUserUseCase: CreateUser,
    private readonly updateUserUseCase: UpdateUser,
    private readonly listUsersUseCase: ListUsers,
    private readonly createTeamUseCase: CreateTeam,
    private readonly updateTeamUseCase: UpdateTeam,
    private readonly listTeamsUseCase: ListTeams,
    private readonly createApiTokenUseCase: CreateApiToken,
    private readonly listApiTokensUseCase: ListApiTokens,
    private readonly revokeApiTokenUseCase: RevokeApiToken,
    private readonly limits: GatewayRateLimits,
  ) {}

  /** Public, so rate-limited per client address (429 with Retry-After), across replicas. */
  @Public()
  @ApiAnswer(201, WorkspaceCreated)
  @ApiErrors(409)
  @Post('workspaces')
  async createWorkspace(@Body() input: CreateWorkspaceInput, @Req() request: Request) {
    await this.limits.workspaceCreation(request.ip ?? 'unknown');
    return this.createWorkspaceUseCase.execute(input);
  }

  @ApiAnswer(201, User)
  @ApiErrors(403, 409)
  @Post('users')
  createUser(@CurrentPrincipal() principal: Principal, @Body() input: CreateUserInput) {
    return this.createUserUseCase.execute(principal.scope, input);
  }

  @ApiAnswer(200, UserPage)
  @Get('users')
  listUsers(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.listUsersUseCase.execute(principal.scope, pageRequest(query));
  }

  @ApiAnswer(200, User)
  @ApiErrors(403, 422)
  @Patch('users/:id')
  updateUser(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateUserInput) {
    requireChange(input);
    return this.updateUserUseCase.execute(principal.scope, id, input);
  }

  @ApiAnswer(201, Team)
  @ApiErrors(403, 409)
  @Post('teams')
  createTeam(@CurrentPrincipal() principal: Principal, @Body() input: CreateTeamInput) {
    return this.createTeamUseCase.execute(principal.scope, input);
  }

  @ApiAnswer(200, TeamPage)
  @Get('teams')
  listTeams(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.listTeamsUseCase.execute(principal.scope, pageRequest(query));
  }

  @ApiAnswer(200, Team)
  @ApiErrors(403, 409)
  @Patch('teams/:id')
  updateTeam(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateTeamInput) {
    requireChange(input);
    return this.updateTeamUseCase.execute(principal.scope, id, input);
  }

  @ApiAnswer(201, ApiTokenCreated)
  @ApiErrors(403)
  @Post('api-tokens')
  createApiToken(@CurrentPrincipal() principal: Principal, @Body() input: CreateApiTokenInput) {
    return this.createApiTokenUseCase.execute(principal.scope, input);
  }

  @ApiAnswer(200, ApiTokenPage)
  @ApiErrors(403)
  @Get('api-tokens')
  async listApiTokens(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return mapPage(await this.listApiTokensUseCase.execute(principal.scope, pageRequest(query)), apiTokenView);
  }

  @ApiAnswer(204)
  @ApiErrors(403)
  @Delete('api-tokens/:id')
  @HttpCode(204)
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.revokeApiTokenUseCase.execute(principal.scope, id);
  }
}
