import { Injectable } from '@nestjs/common';
import { CallerScope, eventDataProblem, TimelineEventSnapshot } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { CallerThreads, eventActor } from './caller-threads';
import { ThreadWriter } from './thread-writer';

/** CNV-9: a workflow or bot records what it did (workflow started / ended, bot on / off). */
@Injectable()
export class RecordEvent {
  constructor(
    private readonly threads: CallerThreads,
    private readonly writer: ThreadWriter,
  ) {}

  async execute(caller: CallerScope, contactId: string, category: string, type: string, data: Record<string, unknown> | null): Promise<TimelineEventSnapshot> {
    if (category !== 'workflow' && category !== 'bot') throw invalidInput('category', 'must be workflow or bot');
    const problem = data ? eventDataProblem(data) : null;
    if (problem) throw invalidInput(problem.field, problem.message);
    const thread = await this.threads.visible(caller, contactId);
    const applied = await this.writer.apply(
      thread,
      (state) => ({ state: { ...state, updatedAt: new Date().toISOString() }, events: [{ category, type, source: category, actorId: caller.principalId, data: data ?? undefined }] }),
      { actor: eventActor(caller) },
    );
    return applied!.recorded[0];
  }
}
