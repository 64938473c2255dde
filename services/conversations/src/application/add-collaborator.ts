import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { addCollaborator } from '../domain/collaborators';
import { actorOf, CallerThreads, ConversationView } from './caller-threads';

/** CNV-5: a collaborator sees and replies; the assignee stays. */
@Injectable()
export class AddCollaborator {
  constructor(private readonly threads: CallerThreads) {}

  async execute(caller: CallerScope, contactId: string, userId: string): Promise<ConversationView> {
    const thread = await this.threads.visible(caller, contactId);
    return this.threads.act(caller, thread, (state, now) => addCollaborator(state, userId, actorOf(caller), now));
  }
}
