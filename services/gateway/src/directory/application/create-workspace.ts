import { Inject, Injectable } from '@nestjs/common';
import { DirectoryUser, EventActor, UserCreated, WorkspaceCreated } from '@omnibox/contracts';
import { conflict } from '@omnibox/platform';
import { IssueSession } from '../../auth/application/issue-session';
import { PRINCIPAL_CACHE, PrincipalCache } from '../../auth/application/ports';
import { hashPassword } from '../../auth/domain/passwords';
import { normaliseEmail } from '../domain/email';
import { newUser, userView } from '../domain/user';
import { announce } from './acting';
import { AlreadyTaken, USERS, UserRepository, WORKSPACES, WorkspaceRepository } from './ports';

export interface NewWorkspace {
  name: string;
  owner: { firstName: string; lastName?: string; email: string; password: string };
}

const emailTaken = () => conflict('owner.email: a user with this e-mail already exists; log in instead', 'email_taken', { field: 'owner.email' });

/** `POST /v1/workspaces`: a workspace, its first owner, and a session for them. */
@Injectable()
export class CreateWorkspace {
  constructor(
    @Inject(WORKSPACES) private readonly workspaces: WorkspaceRepository,
    @Inject(USERS) private readonly users: UserRepository,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
    private readonly sessions: IssueSession,
  ) {}

  async execute(input: NewWorkspace): Promise<{ workspace: { id: string; name: string }; user: DirectoryUser; token: string }> {
    if (await this.users.emailTaken(normaliseEmail(input.owner.email))) throw emailTaken();
    const workspaceId = this.workspaces.nextId();
    const owner = newUser(this.users.nextId(), workspaceId, { ...input.owner, role: 'owner', restriction: 'none' }, await hashPassword(input.owner.password));
    const actor: EventActor = { kind: 'user', id: owner.id };
    // The owner is written first: a crash before the workspace leaves a user who cannot sign in
    // (sign-in needs the workspace), never a workspace without an owner.
    try {
      await this.users.insert(owner, [announce(UserCreated, workspaceId, owner.id, { user: userView(owner) }, actor)]);
    } catch (error) {
      if (error instanceof AlreadyTaken) throw emailTaken();
      throw error;
    }
    const workspace = { id: workspaceId, name: input.name.trim(), ownerId: owner.id };
    await this.workspaces.insert(workspace, [announce(WorkspaceCreated, workspaceId, workspaceId, { id: workspaceId, name: workspace.name, ownerId: owner.id }, actor)]);
    await this.principals.invalidate(workspaceId);
    return { workspace: { id: workspaceId, name: workspace.name }, user: userView(owner), token: this.sessions.execute(owner) };
  }
}
