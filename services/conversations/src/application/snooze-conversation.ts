import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { snooze } from '../domain/snooze';
import { isRefusal } from '../domain/thread';
import { actorOf, CallerThreads, ConversationView, refuse } from './caller-threads';
import { SNOOZE_SCHEDULE, SnoozeSchedule } from './ports';

/** CNV-7: snooze until a future time (never a blocked contact); the schedule wakes it then. */
@Injectable()
export class SnoozeConversation {
  constructor(
    private readonly threads: CallerThreads,
    @Inject(SNOOZE_SCHEDULE) private readonly snoozes: SnoozeSchedule,
  ) {}

  async execute(caller: CallerScope, contactId: string, untilText: string): Promise<ConversationView> {
    const until = new Date(untilText);
    if (Number.isNaN(until.getTime())) throw invalidInput('until', 'must be an ISO 8601 time');
    if (until.getTime() <= Date.now()) throw invalidInput('until', 'must be in the future');
    let thread = await this.threads.visible(caller, contactId);
    // CNV-8: the block state is checked fresh, so the refusal is immediate.
    thread = await this.threads.refreshContact(thread);
    const view = await this.threads.act(caller, thread, (state, now) => {
      const outcome = snooze(state, until.toISOString(), actorOf(caller), now);
      if (isRefusal(outcome)) refuse(outcome);
      return outcome;
    });
    await this.snoozes.schedule(thread.workspaceId, contactId, until);
    return view;
  }
}
