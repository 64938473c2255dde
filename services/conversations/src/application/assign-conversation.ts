import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { assign, ASSIGN_MODES, AssignCommand, roundRobinPick } from '../domain/assignment';
import { actorOf, CallerThreads, ConversationView, refuse } from './caller-threads';
import { ROUND_ROBIN, RoundRobin } from './ports';

/** What the gateway resolved from the directory: the user's teams (mode `user`), the team's members (round-robin). */
export interface AssignInput {
  mode: string;
  userId: string;
  teamId: string;
  userTeamIds: string[];
  memberIds: string[];
}

/** CNV-4: every assignment mode, each with its event. Round-robin takes turns from a counter shared by every replica. */
@Injectable()
export class AssignConversation {
  constructor(
    private readonly threads: CallerThreads,
    @Inject(ROUND_ROBIN) private readonly turns: RoundRobin,
  ) {}

  async execute(caller: CallerScope, contactId: string, input: AssignInput): Promise<ConversationView> {
    if (!(ASSIGN_MODES as readonly string[]).includes(input.mode)) throw invalidInput('mode', `must be one of ${ASSIGN_MODES.join(', ')}`);
    const thread = await this.threads.visible(caller, contactId);
    const command = await this.command(caller, input);
    return this.threads.act(caller, thread, (state, now) => assign(state, command, actorOf(caller), now), { force: true });
  }

  private async command(caller: CallerScope, input: AssignInput): Promise<AssignCommand> {
    switch (input.mode) {
      case 'me':
        return { mode: 'me' };
      case 'user':
        return { mode: 'user', userId: input.userId, userTeamIds: input.userTeamIds };
      case 'team':
        return { mode: 'team', teamId: input.teamId };
      case 'team_member':
        return { mode: 'team_member', teamId: input.teamId, userId: input.userId };
      case 'round_robin': {
        if (new Set(input.memberIds).size === 0) refuse({ refused: 'team_empty', message: 'The team has no members to assign by round-robin' });
        const userId = roundRobinPick(input.memberIds, await this.turns.nextTurn(caller.workspaceId, input.teamId));
        return { mode: 'round_robin', teamId: input.teamId, userId: userId! };
      }
      default:
        return { mode: 'unassign' };
    }
  }
}
