import type { DirectoryUser } from '@omnibox/contracts';
import type { Membership } from '@omnibox/contracts';
import type { RateCounter, RateHit } from '@omnibox/platform';
import type { Principal } from '../principal';

/** A user as sign-in sees them: their directory entry, their workspace and their credentials. */
export interface Account {
  user: DirectoryUser;
  workspaceId: string;
  passwordHash: string;
  tokenVersion: number;
}

/** An integration's API token as stored: never the token itself, only its hash. */
export interface ApiTokenCredential {
  id: string;
  workspaceId: string;
  name: string;
  secretHash: string;
  revoked: boolean;
}

/**
 * What authentication reads: the workspace directory implements it (the dependency goes from the
 * directory to auth, never back).
 */
export interface Accounts {
  /** The user signing in with this e-mail (compared as the directory compares e-mails). */
  byEmail(email: string): Promise<Account | null>;
  byId(workspaceId: string, userId: string): Promise<Account | null>;
  /** The teams a user belongs to, with their members (the user's visibility scope, VIS-2). */
  teamsOf(workspaceId: string, userId: string): Promise<Membership[]>;
  apiToken(id: string): Promise<ApiTokenCredential | null>;
  workspaceExists(workspaceId: string): Promise<boolean>;
}
export const ACCOUNTS = Symbol('ACCOUNTS');

/**
 * Resolved callers, valid while their workspace's directory version is unchanged; every directory
 * write calls `invalidate`, so a changed role, team, password or a revoked token applies at once.
 */
export interface PrincipalCache {
  /** The workspace's current directory version ("0" before its first change); undefined when unknown. */
  version(workspaceId: string): Promise<string | undefined>;
  /**
   * The cached caller while its entry is current. With a counter, this call is also counted on it
   * (keyed by the caller's id) in the same round trip, and `calls` says the count it made.
   */
  get(token: string, counter?: RateCounter): Promise<CachedCaller | undefined>;
  /** Stores a principal resolved under `version` (read before resolving, so a racing change wins). */
  put(token: string, principal: Principal, version: string | undefined): Promise<void>;
  invalidate(workspaceId: string): Promise<void>;
}
export const PRINCIPAL_CACHE = Symbol('PRINCIPAL_CACHE');

export interface CachedCaller {
  principal: Principal;
  /** This call, counted on the counter given to `get`. */
  calls?: RateHit;
}

/** How session tokens are signed (GatewayConfig `JWT_SECRET`, `TOKEN_TTL_SECONDS`). */
export interface SessionSettings {
  secret: string;
  ttlSeconds: number;
}
export const SESSION_SETTINGS = Symbol('SESSION_SETTINGS');
