import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { snapshotOf } from '../domain/thread';
import { CallerThreads } from './caller-threads';
import { ContactSignals } from './contact-signals';
import { TYPING, Typing } from './ports';
import { stateOf } from './thread-writer';

/**
 * MSG-9: who is typing lives for a few seconds; other agents see it on the conversation and through
 * realtime pushes, and the contact sees it on channels that support it (the channel of their latest
 * message).
 */
@Injectable()
export class SetTyping {
  constructor(
    private readonly threads: CallerThreads,
    private readonly signals: ContactSignals,
    @Inject(TYPING) private readonly typing: Typing,
  ) {}

  async execute(caller: CallerScope, contactId: string, typing: boolean): Promise<{ typing: boolean; typingUserIds: string[] }> {
    const thread = await this.threads.visible(caller, contactId);
    await this.typing.set(contactId, caller.principalId, typing);
    await this.typing.announce({ workspaceId: thread.workspaceId, contactId, userId: caller.principalId, typing, thread: snapshotOf(stateOf(thread)) });
    this.signals.typing(thread, typing);
    const view = await this.threads.view(caller, thread);
    return { typing, typingUserIds: view.typingUserIds };
  }
}
