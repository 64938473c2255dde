import { Inject, Injectable } from '@nestjs/common';
import { apiSecretMatches, parseApiToken } from '../domain/api-token';
import { apiTokenScope, userScope } from '@omnibox/contracts';
import type { RateCounter } from '@omnibox/platform';
import { verifySession } from '../domain/session-token';
import type { Principal } from '../principal';
import { ACCOUNTS, Accounts, CachedCaller, PRINCIPAL_CACHE, PrincipalCache, SESSION_SETTINGS, SessionSettings } from './ports';

/** Resolves a bearer token (session or API token) to the caller, or null when it is not valid now. */
@Injectable()
export class Authenticate {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
    @Inject(SESSION_SETTINGS) private readonly settings: SessionSettings,
  ) {}

  async execute(token: string): Promise<Principal | null> {
    return (await this.executeCounting(token))?.principal ?? null;
  }

  /**
   * As `execute`; a caller served from the cache also has this call counted on `counter` in the same
   * round trip (`calls`). Without `calls`, the call is not counted yet.
   */
  async executeCounting(token: string, counter?: RateCounter): Promise<CachedCaller | null> {
    const cached = await this.principals.get(token, counter);
    if (cached) return cached;
    const principal = await this.resolveAndCache(token);
    return principal && { principal };
  }

  private async resolveAndCache(token: string): Promise<Principal | null> {
    // The version is read before the directory, so a change racing this read outdates the entry.
    const sessionWorkspace = parseApiToken(token) ? undefined : verifySession(token, this.settings.secret)?.ws;
    if (sessionWorkspace) {
      const version = await this.principals.version(sessionWorkspace);
      const principal = await this.resolve(token);
      if (principal) await this.principals.put(token, principal, version);
      return principal;
    }
    // An API token reveals its workspace only once resolved: resolve, read the version, resolve again.
    const first = await this.resolve(token);
    if (!first) return null;
    const version = await this.principals.version(first.scope.workspaceId);
    const principal = await this.resolve(token);
    if (principal) await this.principals.put(token, principal, version);
    return principal;
  }

  private async resolve(token: string): Promise<Principal | null> {
    const api = parseApiToken(token);
    if (api) {
      const record = await this.accounts.apiToken(api.id);
      if (!record || record.revoked || !apiSecretMatches(api.secret, record.secretHash)) return null;
      return { scope: apiTokenScope(record), apiToken: { id: record.id, name: record.name } };
    }
    const claims = verifySession(token, this.settings.secret);
    if (!claims) return null;
    const account = await this.accounts.byId(claims.ws, claims.sub);
    if (!account || account.tokenVersion !== claims.tv) return null;
    const teams = await this.accounts.teamsOf(account.workspaceId, account.user.id);
    return { scope: userScope({ ...account.user, workspaceId: account.workspaceId }, teams), user: account.user };
  }
}
