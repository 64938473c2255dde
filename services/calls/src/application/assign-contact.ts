import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { AppError, getLogger } from '@omnibox/platform';
import { CONVERSATIONS, Conversations } from './ports';

/**
 * CAL-3: the contact of a call an agent answered (or placed) becomes theirs, through the conversations
 * service (CNV-4 mode "me", as the agent: its rules, its timeline event and the inbox stay right). A
 * contact someone assigned meanwhile is left to them. Refusals are final; an unreachable service is
 * retried (the event is redelivered).
 */
@Injectable()
export class AssignContact {
  constructor(@Inject(CONVERSATIONS) private readonly conversations: Conversations) {}

  async execute(caller: CallerScope, contactId: string): Promise<void> {
    try {
      const assigneeId = await this.conversations.assigneeOf(caller, contactId);
      if (assigneeId) return;
      await this.conversations.assignToCaller(caller, contactId);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 429) {
        getLogger().warn({ contactId, userId: caller.principalId, refusal: error.code }, 'the contact of an answered call was not assigned');
        return;
      }
      throw error;
    }
  }
}
