import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ThreadWoke } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { wake } from '../domain/snooze';
import { actorOf, CallerThreads, ConversationView, eventActor, refuse } from './caller-threads';
import { SNOOZE_SCHEDULE, SnoozeSchedule } from './ports';
import { ThreadWriter } from './thread-writer';

/** CNV-7: unsnooze early, back to the status the snooze interrupted; the assignee is reminded as at the due time. */
@Injectable()
export class UnsnoozeConversation {
  constructor(
    private readonly threads: CallerThreads,
    private readonly writer: ThreadWriter,
    @Inject(SNOOZE_SCHEDULE) private readonly snoozes: SnoozeSchedule,
  ) {}

  async execute(caller: CallerScope, contactId: string): Promise<ConversationView> {
    const thread = await this.threads.visible(caller, contactId);
    const until = thread.snoozedUntil ?? '';
    const actor = eventActor(caller);
    const applied = await this.writer.apply(thread, (state) => wake(state, actorOf(caller), new Date().toISOString()), {
      actor,
      extra: (snapshot) => [ThreadWoke.create({ workspaceId: thread.workspaceId, aggregateId: contactId, data: { thread: snapshot, snoozedUntil: until, early: true }, actor, correlationId: currentCorrelationId() })],
    });
    if (!applied) refuse({ refused: 'not_snoozed', message: 'The conversation is not snoozed' });
    await this.snoozes.cancel(thread.workspaceId, contactId);
    return this.threads.view(caller, applied!.thread);
  }
}
