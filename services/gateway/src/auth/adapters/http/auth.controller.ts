import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayRateLimits } from '../../../common/adapters/redis/gateway-rate-limits';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Me, Session } from '../../../directory/adapters/http/directory.schemas';
import { ApiAnswer, ApiErrors } from '../../../openapi/responses';
import { LogIn } from '../../application/log-in';
import { CurrentPrincipal, Principal, Public } from '../../principal';
import { LoginInput } from './auth.dto';

/** What `GET /v1/me` answers: the user, or a user-shaped view of the API token. */
function meView(principal: Principal) {
  if (principal.user) return principal.user;
  return {
    id: principal.scope.principalId,
    firstName: principal.apiToken?.name ?? 'API token',
    lastName: '',
    email: null,
    role: principal.scope.role,
    restriction: principal.scope.restriction,
    canViewBlocked: principal.scope.canViewBlocked,
    kind: 'api_token',
  };
}

/** API.md "Workspace and directory": signing in, and who the caller is. */
@ApiTags('workspace and directory')
@ApiBearerAuth()
@Controller('v1')
export class AuthController {
  constructor(
    private readonly logIn: LogIn,
    private readonly limits: GatewayRateLimits,
  ) {}

  /** Rate-limited per client address and per e-mail's failures (429 with Retry-After), in every replica. */
  @Public()
  @ApiAnswer(200, Session)
  @ApiErrors(401)
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() input: LoginInput, @Req() request: Request) {
    const email = input.email.trim().toLowerCase();
    await this.limits.loginAttempt(request.ip ?? 'unknown', email);
    try {
      const session = await this.logIn.execute(input.email, input.password);
      await this.limits.loginSucceeded(email);
      return session;
    } catch (error) {
      if ((error as { status?: number }).status === 401) await this.limits.loginFailed(email);
      throw error;
    }
  }

  @ApiAnswer(200, Me)
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return meView(principal);
  }
}
