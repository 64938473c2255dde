import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { markRead } from '../domain/unread';
import { CallerThreads, ConversationView } from './caller-threads';
import { ContactSignals } from './contact-signals';

/** INB-7: the caller read the thread; their unread count is cleared, and the contact sees it read where the channel shows it (MSG-9). */
@Injectable()
export class MarkRead {
  constructor(
    private readonly threads: CallerThreads,
    private readonly signals: ContactSignals,
  ) {}

  async execute(caller: CallerScope, contactId: string): Promise<ConversationView> {
    const thread = await this.threads.visible(caller, contactId);
    const view = await this.threads.act(caller, thread, (state, now) => ({ state: markRead(state, caller.principalId, now), events: [] }));
    this.signals.read(thread);
    return view;
  }
}
