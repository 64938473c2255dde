import type { DirectoryUser, Restriction, Role } from '@omnibox/contracts';
import { normaliseEmail } from './email';

/** A user as the directory keeps them: their directory entry plus what never leaves the gateway. */
export interface User extends DirectoryUser {
  workspaceId: string;
  passwordHash: string;
  /** Sessions carry it; moving it on ends every session signed before. */
  tokenVersion: number;
}

export interface UserDetails {
  firstName: string;
  lastName?: string;
  email: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked?: boolean;
}

/** A new user: names trimmed, e-mail normalised, blocked contacts visible unless said otherwise. */
export function newUser(id: string, workspaceId: string, details: UserDetails, passwordHash: string): User {
  return {
    id,
    workspaceId,
    firstName: details.firstName.trim(),
    lastName: (details.lastName ?? '').trim(),
    email: normaliseEmail(details.email),
    role: details.role,
    restriction: details.restriction,
    canViewBlocked: details.canViewBlocked ?? true,
    passwordHash,
    tokenVersion: 0,
  };
}

/** What others may know of a user (API answers, events): never the password hash or token version. */
export function userView(user: User): DirectoryUser {
  return { id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email, role: user.role, restriction: user.restriction, canViewBlocked: user.canViewBlocked };
}

/** A change of a user; role and restriction are always given (the restriction follows the role). */
export interface UserChange {
  firstName?: string;
  lastName?: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked?: boolean;
  passwordHash?: string;
}

/** A new password ends every existing session of the user. */
export function endsSessions(change: UserChange): boolean {
  return change.passwordHash !== undefined;
}

/** The user after a change. */
export function changedUser(user: User, change: UserChange): User {
  const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<User>;
  return { ...user, ...given, tokenVersion: endsSessions(change) ? user.tokenVersion + 1 : user.tokenVersion };
}
