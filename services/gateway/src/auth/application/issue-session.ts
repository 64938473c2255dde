import { Inject, Injectable } from '@nestjs/common';
import { signSession } from '../domain/session-token';
import { SESSION_SETTINGS, SessionSettings } from './ports';

/** A session token for a user who just proved who they are (log-in, or creating their workspace). */
@Injectable()
export class IssueSession {
  constructor(@Inject(SESSION_SETTINGS) private readonly settings: SessionSettings) {}

  execute(user: { id: string; workspaceId: string; tokenVersion: number }): string {
    return signSession({ sub: user.id, ws: user.workspaceId, tv: user.tokenVersion }, this.settings.secret, this.settings.ttlSeconds);
  }
}
