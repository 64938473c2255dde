import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { markRead } from '../domain/unread';
import { CallerThreads, ConversationView } from './caller-threads';

/** INB-7: the caller read the thread; their unread count is cleared. */
@Injectable()
export class MarkRead {
  constructor(private readonly threads: CallerThreads) {}

  async execute(caller: CallerScope, contactId: string): Promise<ConversationView> {
    const thread = await this.threads.visible(caller, contactId);
    return this.threads.act(caller, thread, (state, now) => ({ state: markRead(state, caller.principalId, now), events: [] }));
  }
}
