import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unauthenticated } from '@omnibox/platform';
import type { Request } from 'express';
import { GatewayRateLimits } from '../../../common/adapters/redis/gateway-rate-limits';
import { Authenticate } from '../../application/authenticate';
import { IS_PUBLIC, Principal } from '../../principal';

/** Every route needs a valid bearer token unless marked @Public(); the caller is put on the request. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: Authenticate,
    private readonly limits: GatewayRateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Send `Authorization: Bearer <token>`; get a token from POST /v1/auth/login');
    const caller = await this.authenticate.executeCounting(match[1], this.limits.apiCallCounter);
    if (!caller) throw unauthenticated('The bearer token is invalid, expired or revoked; log in again', 'invalid_token');
    // API calls per token (or signed-in user), across replicas; a cached caller's call was counted
    // in the cache's own round trip.
    if (caller.calls) this.limits.apiCallCounted(caller.calls);
    else await this.limits.apiCall(caller.principal.scope.principalId);
    request.principal = caller.principal;
    return true;
  }
}
