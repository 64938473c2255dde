import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { removeCollaborator } from '../domain/collaborators';
import { actorOf, CallerThreads, ConversationView } from './caller-threads';

/** CNV-5: a collaborator is removed (and loses the access it gave, VIS-3). */
@Injectable()
export class RemoveCollaborator {
  constructor(private readonly threads: CallerThreads) {}

  async execute(caller: CallerScope, contactId: string, userId: string): Promise<ConversationView> {
    const thread = await this.threads.visible(caller, contactId);
    return this.threads.act(caller, thread, (state, now) => removeCollaborator(state, userId, actorOf(caller), now));
  }
}
