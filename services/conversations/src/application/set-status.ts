import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { setStatus } from '../domain/thread-status';
import { sourceOf } from '../domain/thread';
import { actorOf, CallerThreads, ConversationView } from './caller-threads';
import { SNOOZE_SCHEDULE, SnoozeSchedule } from './ports';

/** CNV-6: close or open, with an optional category and summary; closing or opening ends a snooze. */
@Injectable()
export class SetStatus {
  constructor(
    private readonly threads: CallerThreads,
    @Inject(SNOOZE_SCHEDULE) private readonly snoozes: SnoozeSchedule,
  ) {}

  async execute(caller: CallerScope, contactId: string, status: string, details: { category?: string; summary?: string }): Promise<ConversationView> {
    if (status !== 'open' && status !== 'closed') throw invalidInput('status', 'must be open or closed');
    const thread = await this.threads.visible(caller, contactId);
    const view = await this.threads.act(caller, thread, (state, now) => setStatus(state, status, sourceOf(actorOf(caller)), caller.principalId, now, details));
    await this.snoozes.cancel(thread.workspaceId, contactId);
    return view;
  }
}
