import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenCreated, CallerScope } from '@omnibox/contracts';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { newApiToken } from '../../auth/domain/api-token';
import { actorOf, mayManageDirectory } from '../domain/roles';
import { announce, eventActor, refuse } from './acting';
import { API_TOKENS, ApiTokenRepository } from './ports';

/** `POST /v1/api-tokens` (owners and managers): the token is in this answer and nowhere else, ever. */
@Injectable()
export class CreateApiToken {
  constructor(
    @Inject(API_TOKENS) private readonly tokens: ApiTokenRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, input: { name: string }): Promise<{ id: string; name: string; token: string }> {
    refuse(mayManageDirectory(actorOf(scope)));
    const workspaceId = scope.workspaceId;
    const id = this.tokens.nextId();
    const name = input.name.trim();
    const { token, hash } = newApiToken(id);
    await this.tokens.insert({ id, workspaceId, name, secretHash: hash, createdBy: scope.principalId }, [announce(ApiTokenCreated, workspaceId, id, { id, name }, eventActor(scope))]);
    await this.principals.invalidate(workspaceId);
    return { id, name, token };
  }
}
