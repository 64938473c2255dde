import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { Page, PageRequest } from '../../common/pagination';
import { actorOf, mayManageDirectory } from '../domain/roles';
import { refuse } from './acting';
import { API_TOKENS, ApiToken, ApiTokenRepository } from './ports';

/** `GET /v1/api-tokens` (owners and managers): the workspace's tokens, never their secrets. */
@Injectable()
export class ListApiTokens {
  constructor(@Inject(API_TOKENS) private readonly tokens: ApiTokenRepository) {}

  execute(scope: CallerScope, request: PageRequest): Promise<Page<ApiToken>> {
    refuse(mayManageDirectory(actorOf(scope)));
    return this.tokens.page(scope.workspaceId, request);
  }
}
