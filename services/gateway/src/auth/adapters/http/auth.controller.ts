import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  constructor(private readonly logIn: LogIn) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() input: LoginInput) {
    return this.logIn.execute(input.email, input.password);
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return meView(principal);
  }
}
