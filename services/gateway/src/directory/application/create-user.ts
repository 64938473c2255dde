import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, DirectoryUser, Restriction, Role, UserCreated } from '@omnibox/contracts';
import { conflict } from '@omnibox/platform';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { hashPassword } from '../../auth/domain/passwords';
import { effectiveRestriction } from '../domain/restriction';
import { actorOf, mayAssignRole, mayManageDirectory } from '../domain/roles';
import { newUser, userView } from '../domain/user';
import { announce, eventActor, refuse } from './acting';
import { AlreadyTaken, USERS, UserRepository } from './ports';

export interface NewUser {
  firstName: string;
  lastName?: string;
  email: string;
  password: string;
  role: Role;
  restriction?: Restriction;
  canViewBlocked?: boolean;
}

/** `POST /v1/users` (owners and managers). */
@Injectable()
export class CreateUser {
  constructor(
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async execute(scope: CallerScope, input: NewUser): Promise<DirectoryUser> {
    const actor = actorOf(scope);
    refuse(mayManageDirectory(actor));
    refuse(mayAssignRole(actor, null, input.role));
    const restriction = effectiveRestriction(input.role, input.restriction);
    if (typeof restriction !== 'string') refuse(restriction);
    const user = newUser(this.users.nextId(), scope.workspaceId, { ...input, restriction }, await hashPassword(input.password));
    try {
      await this.users.insert(user, [announce(UserCreated, user.workspaceId, user.id, { user: userView(user) }, eventActor(scope))]);
    } catch (error) {
      if (error instanceof AlreadyTaken) throw conflict('email: a user with this e-mail already exists', 'email_taken', { field: 'email' });
      throw error;
    }
    await this.principals.invalidate(scope.workspaceId);
    return userView(user);
  }
}
