import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CONFIG } from '@omnibox/platform';
import type { GatewayConfig } from '../config';
import { AuthController } from './adapters/http/auth.controller';
import { AuthGuard } from './adapters/http/auth.guard';
import { RedisPrincipalCache } from './adapters/redis/principal-cache';
import { Authenticate } from './application/authenticate';
import { IssueSession } from './application/issue-session';
import { LogIn } from './application/log-in';
import { PRINCIPAL_CACHE, SESSION_SETTINGS, SessionSettings } from './application/ports';

/**
 * Authentication: log-in, bearer tokens (sessions and API tokens), the resolved-caller cache and the
 * guard every route passes. Global, because every feature reads the caller it resolves.
 */
@Module({})
export class AuthModule {
  /**
   * `accounts`: a module exporting the `ACCOUNTS` port (the directory's storage). The application
   * wires it here, so auth never imports the directory that implements it.
   */
  static forRoot(options: { accounts: Type<unknown> }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [options.accounts],
      controllers: [AuthController],
      providers: [
        { provide: SESSION_SETTINGS, inject: [CONFIG], useFactory: (config: GatewayConfig): SessionSettings => ({ secret: config.JWT_SECRET, ttlSeconds: config.TOKEN_TTL_SECONDS }) },
        RedisPrincipalCache,
        { provide: PRINCIPAL_CACHE, useExisting: RedisPrincipalCache },
        IssueSession,
        LogIn,
        Authenticate,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [PRINCIPAL_CACHE, RedisPrincipalCache, IssueSession, Authenticate],
    };
  }
}
