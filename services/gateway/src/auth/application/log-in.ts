import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryUser } from '@omnibox/contracts';
import { unauthenticated } from '@omnibox/platform';
import { DECOY_HASH, verifyPassword } from '../domain/passwords';
import { IssueSession } from './issue-session';
import { ACCOUNTS, Accounts } from './ports';

/** `POST /v1/auth/login`: e-mail and password for a session token. */
@Injectable()
export class LogIn {
  constructor(
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
    private readonly sessions: IssueSession,
  ) {}

  async execute(email: string, password: string): Promise<{ token: string; user: DirectoryUser }> {
    const account = await this.accounts.byEmail(email);
    // An unknown e-mail is checked against a decoy hash, so it takes as long as a wrong password.
    const valid = await verifyPassword(password, account?.passwordHash ?? DECOY_HASH);
    // Sign-in also needs the workspace: its owner is written first, so a crash in between leaves
    // a user who cannot sign in rather than a workspace without an owner.
    if (!account || !valid || !(await this.accounts.workspaceExists(account.workspaceId))) {
      throw unauthenticated('The e-mail or password is wrong', 'invalid_credentials');
    }
    return { token: this.sessions.execute({ id: account.user.id, workspaceId: account.workspaceId, tokenVersion: account.tokenVersion }), user: account.user };
  }
}
