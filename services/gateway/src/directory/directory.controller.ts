import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import { DirectoryService } from './directory.service';
import {
  CreateApiTokenInput,
  CreateTeamInput,
  CreateUserInput,
  CreateWorkspaceInput,
  LoginInput,
  UpdateTeamInput,
  UpdateUserInput,
} from './dto/directory.dto';

/** API.md "Workspace and directory". */
@ApiTags('workspace and directory')
@ApiBearerAuth()
@Controller('v1')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Public()
  @Post('workspaces')
  createWorkspace(@Body() input: CreateWorkspaceInput) {
    return this.directory.createWorkspace(input);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() input: LoginInput) {
    return this.directory.login(input.email, input.password);
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.directory.me(principal);
  }

  @Post('users')
  createUser(@CurrentPrincipal() principal: Principal, @Body() input: CreateUserInput) {
    return this.directory.createUser(principal, input);
  }

  @Get('users')
  listUsers(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.directory.listUsers(principal, query);
  }

  @Patch('users/:id')
  updateUser(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateUserInput) {
    return this.directory.updateUser(principal, id, input);
  }

  @Post('teams')
  createTeam(@CurrentPrincipal() principal: Principal, @Body() input: CreateTeamInput) {
    return this.directory.createTeam(principal, input);
  }

  @Get('teams')
  listTeams(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.directory.listTeams(principal, query);
  }

  @Patch('teams/:id')
  updateTeam(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: UpdateTeamInput) {
    return this.directory.updateTeam(principal, id, input);
  }

  @Post('api-tokens')
  createApiToken(@CurrentPrincipal() principal: Principal, @Body() input: CreateApiTokenInput) {
    return this.directory.createApiToken(principal, input.name);
  }

  @Get('api-tokens')
  listApiTokens(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.directory.listApiTokens(principal, query);
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.revokeApiToken(principal, id);
  }
}
