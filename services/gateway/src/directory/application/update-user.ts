import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, DirectoryUser, Restriction, Role, UserUpdated } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { hashPassword } from '../../auth/domain/passwords';
import { effectiveRestriction } from '../domain/restriction';
import { actorOf, keepsAnOwner, mayAssignRole, mayChangeUser } from '../domain/roles';
import { changedUser, User, UserChange, userView } from '../domain/user';
import { announce, eventActor, refuse } from './acting';
import { USERS, UserRepository } from './ports';

export interface UserEdit {
  firstName?: string;
  lastName?: string;
  password?: string;
  role?: Role;
  restriction?: Restriction;
  canViewBlocked?: boolean;
}

/** `PATCH /v1/users/{id}`: a user's own name and password, or (owners and managers) anyone's access. */
@Injectable()
export class UpdateUser {
  constructor(
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, userId: string, input: UserEdit): Promise<DirectoryUser> {
    const workspaceId = scope.workspaceId;
    const target = await this.users.byId(workspaceId, userId);
    if (!target) throw notFound('User');
    const change = await this.allowedChange(scope, target, input);
    // Every field the request named, except a password it did not give.
    const changed = Object.keys(input).filter((key) => key !== 'password' || input.password !== undefined);
    const event = announce(UserUpdated, workspaceId, userId, { user: userView(changedUser(target, change)), changed }, eventActor(scope));
    const updated = await this.users.update(workspaceId, userId, change, [event]);
    await this.principals.invalidate(workspaceId);
    if (!updated) throw notFound('User');
    return userView(updated);
  }

  /** The change the rules allow, with the restriction its role implies. */
  private async allowedChange(scope: CallerScope, target: User, input: UserEdit): Promise<UserChange> {
    const actor = actorOf(scope);
    const touchesAccess = input.role !== undefined || input.restriction !== undefined || input.canViewBlocked !== undefined;
    refuse(mayChangeUser(actor, target.id, touchesAccess));
    refuse(mayAssignRole(actor, target.role, input.role));
    const role = input.role ?? target.role;
    if (input.role && input.role !== target.role) {
      refuse(keepsAnOwner(await this.users.countOwners(target.workspaceId), target.role, input.role));
    }
    const restriction = effectiveRestriction(role, input.restriction ?? (role === 'agent' ? target.restriction : undefined));
    if (typeof restriction !== 'string') refuse(restriction);
    return {
      role,
      restriction,
      firstName: input.firstName?.trim(),
      lastName: input.lastName?.trim(),
      canViewBlocked: input.canViewBlocked,
      passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
    };
  }
}
