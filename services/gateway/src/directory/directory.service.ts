import { Inject, Injectable } from '@nestjs/common';
import {
  ApiTokenCreated,
  ApiTokenRevoked,
  CallerScope,
  DirectoryTeam,
  DirectoryUser,
  EventActor,
  EventDefinition,
  TeamCreated,
  TeamUpdated,
  UserCreated,
  UserUpdated,
  WorkspaceCreated,
} from '@omnibox/contracts';
import { AppError, CONFIG, conflict, currentCorrelationId, invalidInput, isDuplicateKeyError, notFound, unauthenticated } from '@omnibox/platform';
import { ObjectId } from 'mongodb';
import { DECOY_HASH, hashPassword, verifyPassword } from '../auth/passwords';
import { Principal } from '../auth/principal';
import { PrincipalCache } from '../auth/principal-cache';
import { apiSecretMatches, newApiToken, parseApiToken, signSession, verifySession } from '../auth/tokens';
import { ListQuery, Page, workspacePage } from '../common/pagination';
import type { GatewayConfig } from '../config';
import { Actor, effectiveRestriction, keepsAnOwner, mayAssignRole, mayManageDirectory, normaliseEmail, Refusal } from './domain/directory-rules';
import { CreateTeamInput, CreateUserInput, CreateWorkspaceInput, UpdateTeamInput, UpdateUserInput } from './dto/directory.dto';
import { ApiTokenDoc, DirectoryStore, TeamDoc, teamView, UserDoc, userView } from './directory.store';

const newId = () => new ObjectId().toHexString();

function refuse(refusal: Refusal | null): void {
  if (!refusal) return;
  throw new AppError(refusal.status, refusal.code, refusal.message, refusal.field ? { field: refusal.field } : undefined);
}

function actorOf(principal: Principal): Actor {
  return { kind: principal.scope.kind, id: principal.scope.principalId, role: principal.scope.role };
}

function eventActor(principal: Principal): EventActor {
  return { kind: principal.scope.kind, id: principal.scope.principalId };
}

/** The workspace directory: workspaces, users, teams, API tokens, and signing in. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly store: DirectoryStore,
    private readonly principals: PrincipalCache,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private event<T>(definition: EventDefinition<T>, workspaceId: string, aggregateId: string, data: T, actor?: EventActor) {
    return definition.create({ workspaceId, aggregateId, data, actor, correlationId: currentCorrelationId() });
  }

  async createWorkspace(input: CreateWorkspaceInput) {
    const email = normaliseEmail(input.owner.email);
    if (await this.store.users.countDocuments({ email }, { limit: 1 })) {
      throw conflict('owner.email: a user with this e-mail already exists; log in instead', 'email_taken', { field: 'owner.email' });
    }
    const workspaceId = newId();
    const ownerId = newId();
    const now = new Date();
    const owner: UserDoc = {
      _id: ownerId,
      workspaceId,
      firstName: input.owner.firstName.trim(),
      lastName: (input.owner.lastName ?? '').trim(),
      email,
      role: 'owner',
      restriction: 'none',
      canViewBlocked: true,
      passwordHash: await hashPassword(input.owner.password),
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    const actor: EventActor = { kind: 'user', id: ownerId };
    // The owner is written first: a crash before the workspace leaves a user who cannot sign in
    // (sign-in needs the workspace), never a workspace without an owner.
    try {
      await this.store.insert('users', owner, [this.event(UserCreated, workspaceId, ownerId, { user: userView(owner) }, actor)]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict('owner.email: a user with this e-mail already exists; log in instead', 'email_taken', { field: 'owner.email' });
      throw error;
    }
    const workspace = { _id: workspaceId, name: input.name.trim(), ownerId, createdAt: now };
    await this.store.insert('workspaces', workspace, [this.event(WorkspaceCreated, workspaceId, workspaceId, { id: workspaceId, name: workspace.name, ownerId }, actor)]);
    return { workspace: { id: workspaceId, name: workspace.name }, user: userView(owner), token: this.sessionFor(owner) };
  }

  async login(emailInput: string, password: string) {
    const user = await this.store.users.findOne({ email: normaliseEmail(emailInput) });
    const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !valid || !(await this.store.workspaces.countDocuments({ _id: user.workspaceId }, { limit: 1 }))) {
      throw unauthenticated('The e-mail or password is wrong', 'invalid_credentials');
    }
    return { token: this.sessionFor(user), user: userView(user) };
  }

  private sessionFor(user: UserDoc): string {
    return signSession({ sub: user._id, ws: user.workspaceId, tv: user.tokenVersion }, this.config.JWT_SECRET, this.config.TOKEN_TTL_SECONDS);
  }

  /** Resolves a bearer token (session or API token) to the caller, or null when it is not valid now. */
  async authenticate(token: string): Promise<Principal | null> {
    const cached = await this.principals.get(token);
    if (cached) return cached;
    // The version is read before the directory, so a change racing this read outdates the entry.
    const sessionWorkspace = parseApiToken(token) ? undefined : verifySession(token, this.config.JWT_SECRET)?.ws;
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
      const record = await this.store.apiTokens.findOne({ _id: api.id });
      if (!record || record.revokedAt || !apiSecretMatches(api.secret, record.secretHash)) return null;
      const scope: CallerScope = {
        workspaceId: record.workspaceId,
        principalId: record._id,
        kind: 'api',
        role: 'manager',
        restriction: 'none',
        teamIds: [],
        teamMemberIds: [],
        canViewBlocked: true,
      };
      return { scope, apiToken: { id: record._id, name: record.name } };
    }
    const claims = verifySession(token, this.config.JWT_SECRET);
    if (!claims) return null;
    const user = await this.store.users.findOne({ _id: claims.sub, workspaceId: claims.ws });
    if (!user || user.tokenVersion !== claims.tv) return null;
    const teams = await this.store.teamsOf(user.workspaceId, user._id);
    const teamIds = teams.map((team) => team._id);
    // Only a `team`-restricted agent's visibility depends on who their teammates are (VIS-2).
    const teamMemberIds = user.restriction === 'team' && user.role === 'agent' ? [...new Set(teams.flatMap((team) => team.memberIds))] : [];
    return {
      scope: {
        workspaceId: user.workspaceId,
        principalId: user._id,
        kind: 'user',
        role: user.role,
        restriction: user.restriction,
        teamIds,
        teamMemberIds,
        canViewBlocked: user.canViewBlocked,
      },
      user: userView(user),
    };
  }

  async createUser(principal: Principal, input: CreateUserInput): Promise<DirectoryUser> {
    const actor = actorOf(principal);
    refuse(mayManageDirectory(actor));
    refuse(mayAssignRole(actor, null, input.role));
    const restriction = effectiveRestriction(input.role, input.restriction);
    if (typeof restriction !== 'string') refuse(restriction);
    const now = new Date();
    const user: UserDoc = {
      _id: newId(),
      workspaceId: principal.scope.workspaceId,
      firstName: input.firstName.trim(),
      lastName: (input.lastName ?? '').trim(),
      email: normaliseEmail(input.email),
      role: input.role,
      restriction: restriction as DirectoryUser['restriction'],
      canViewBlocked: input.canViewBlocked ?? true,
      passwordHash: await hashPassword(input.password),
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.store.insert('users', user, [this.event(UserCreated, user.workspaceId, user._id, { user: userView(user) }, eventActor(principal))]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict('email: a user with this e-mail already exists', 'email_taken', { field: 'email' });
      throw error;
    }
    return userView(user);
  }

  async listUsers(principal: Principal, query: ListQuery): Promise<Page<DirectoryUser>> {
    return workspacePage(this.store.users, principal.scope.workspaceId, query, userView);
  }

  async updateUser(principal: Principal, userId: string, input: UpdateUserInput): Promise<DirectoryUser> {
    const workspaceId = principal.scope.workspaceId;
    const target = await this.store.users.findOne({ _id: userId, workspaceId });
    if (!target) throw notFound('User');
    const actor = actorOf(principal);
    const self = actor.kind === 'user' && actor.id === userId;
    const touchesAccess = input.role !== undefined || input.restriction !== undefined || input.canViewBlocked !== undefined;
    // Everyone may change their own name and password; anything else is directory management.
    if (!self || touchesAccess) refuse(mayManageDirectory(actor));
    refuse(mayAssignRole(actor, target.role, input.role));
    const role = input.role ?? target.role;
    if (input.role && input.role !== target.role) {
      refuse(keepsAnOwner(await this.store.users.countDocuments({ workspaceId, role: 'owner' }), target.role, input.role));
    }
    const requested = input.restriction ?? (role === 'agent' ? target.restriction : undefined);
    const restriction = effectiveRestriction(role, requested);
    if (typeof restriction !== 'string') refuse(restriction);

    const set: Partial<UserDoc> = { updatedAt: new Date(), role, restriction: restriction as DirectoryUser['restriction'] };
    if (input.firstName !== undefined) set.firstName = input.firstName.trim();
    if (input.lastName !== undefined) set.lastName = input.lastName.trim();
    if (input.canViewBlocked !== undefined) set.canViewBlocked = input.canViewBlocked;
    const newPassword = input.password !== undefined;
    if (newPassword) set.passwordHash = await hashPassword(input.password as string);
    const changed = Object.keys(input).filter((key) => key !== 'password' || input.password !== undefined);
    const after = { ...target, ...set };
    const updated = await this.store.update<UserDoc>(
      'users',
      { _id: userId, workspaceId },
      // A new password ends every existing session.
      { $set: set, ...(newPassword ? { $inc: { tokenVersion: 1 } } : {}) },
      [this.event(UserUpdated, workspaceId, userId, { user: userView(after), changed }, eventActor(principal))],
    );
    if (!updated) throw notFound('User');
    return userView(updated);
  }

  private async checkMembers(workspaceId: string, memberIds: string[]) {
    if (memberIds.length === 0) return;
    const found = await this.store.users.find({ workspaceId, _id: { $in: memberIds } }, { projection: { _id: 1 } }).toArray();
    const known = new Set(found.map((user) => user._id));
    const index = memberIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw invalidInput(`memberIds.${index}`, `no user ${memberIds[index]} in this workspace`);
  }

  async createTeam(principal: Principal, input: CreateTeamInput): Promise<DirectoryTeam> {
    refuse(mayManageDirectory(actorOf(principal)));
    const workspaceId = principal.scope.workspaceId;
    await this.checkMembers(workspaceId, input.memberIds);
    const now = new Date();
    const name = input.name.trim();
    const team: TeamDoc = { _id: newId(), workspaceId, name, nameKey: name.toLowerCase(), memberIds: input.memberIds, createdAt: now, updatedAt: now };
    try {
      await this.store.insert('teams', team, [this.event(TeamCreated, workspaceId, team._id, { team: teamView(team) }, eventActor(principal))]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict(`name: a team named "${name}" already exists`, 'team_name_taken', { field: 'name' });
      throw error;
    }
    return teamView(team);
  }

  async listTeams(principal: Principal, query: ListQuery): Promise<Page<DirectoryTeam>> {
    return workspacePage(this.store.teams, principal.scope.workspaceId, query, teamView);
  }

  async updateTeam(principal: Principal, teamId: string, input: UpdateTeamInput): Promise<DirectoryTeam> {
    refuse(mayManageDirectory(actorOf(principal)));
    const workspaceId = principal.scope.workspaceId;
    const current = await this.store.teams.findOne({ _id: teamId, workspaceId });
    if (!current) throw notFound('Team');
    if (input.memberIds) await this.checkMembers(workspaceId, input.memberIds);
    const set: Partial<TeamDoc> = { updatedAt: new Date() };
    if (input.name !== undefined) {
      set.name = input.name.trim();
      set.nameKey = set.name.toLowerCase();
    }
    if (input.memberIds !== undefined) set.memberIds = input.memberIds;
    const after = { ...current, ...set };
    try {
      const updated = await this.store.update<TeamDoc>('teams', { _id: teamId, workspaceId }, { $set: set }, [
        this.event(TeamUpdated, workspaceId, teamId, { team: teamView(after), changed: Object.keys(input) }, eventActor(principal)),
      ]);
      if (!updated) throw notFound('Team');
      return teamView(updated);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict(`name: a team named "${set.name}" already exists`, 'team_name_taken', { field: 'name' });
      throw error;
    }
  }

  async createApiToken(principal: Principal, name: string) {
    refuse(mayManageDirectory(actorOf(principal)));
    const workspaceId = principal.scope.workspaceId;
    const id = newId();
    const { token, hash } = newApiToken(id);
    await this.store.insert(
      'apiTokens',
      { _id: id, workspaceId, name: name.trim(), secretHash: hash, createdBy: principal.scope.principalId, createdAt: new Date() },
      [this.event(ApiTokenCreated, workspaceId, id, { id, name: name.trim() }, eventActor(principal))],
    );
    return { id, name: name.trim(), token };
  }

  async listApiTokens(principal: Principal, query: ListQuery) {
    refuse(mayManageDirectory(actorOf(principal)));
    return workspacePage(this.store.apiTokens, principal.scope.workspaceId, query, (row) => ({ id: row._id, name: row.name, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), revoked: Boolean(row.revokedAt) }));
  }

  async revokeApiToken(principal: Principal, id: string) {
    refuse(mayManageDirectory(actorOf(principal)));
    const workspaceId = principal.scope.workspaceId;
    const current = await this.store.apiTokens.findOne({ _id: id, workspaceId });
    if (!current) throw notFound('API token');
    if (current.revokedAt) return;
    await this.store.update<ApiTokenDoc>('apiTokens', { _id: id, workspaceId }, { $set: { revokedAt: new Date() } }, [
      this.event(ApiTokenRevoked, workspaceId, id, { id, name: current.name }, eventActor(principal)),
    ]);
  }

  /** What `GET /v1/me` answers: the user, or a user-shaped view of the API token. */
  me(principal: Principal) {
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
}
