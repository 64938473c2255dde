import { Inject, Injectable } from '@nestjs/common';
import { ApiTokenRevoked, CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { actorOf, mayManageDirectory } from '../domain/roles';
import { announce, eventActor, refuse } from './acting';
import { API_TOKENS, ApiTokenRepository } from './ports';

/** `DELETE /v1/api-tokens/{id}` (owners and managers): the token stops working on the next request. */
@Injectable()
export class RevokeApiToken {
  constructor(
    @Inject(API_TOKENS) private readonly tokens: ApiTokenRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, id: string): Promise<void> {
    refuse(mayManageDirectory(actorOf(scope)));
    const workspaceId = scope.workspaceId;
    const current = await this.tokens.byId(id, workspaceId);
    if (!current) throw notFound('API token');
    // Revoking twice is the same as once: no second event.
    if (current.revokedAt) return;
    await this.tokens.revoke(workspaceId, id, new Date(), [announce(ApiTokenRevoked, workspaceId, id, { id, name: current.name }, eventActor(scope))]);
    await this.principals.invalidate(workspaceId);
  }
}
