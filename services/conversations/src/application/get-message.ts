import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, MessageSnapshot } from '@omnibox/contracts';
import { AppError, notFound } from '@omnibox/platform';
import { CallerThreads } from './caller-threads';
import { TIMELINE, Timeline } from './ports';

/** MSG-5: a message (what its deep link opens), only for users who can see its thread. */
@Injectable()
export class GetMessage {
  constructor(
    private readonly threads: CallerThreads,
    @Inject(TIMELINE) private readonly timeline: Timeline,
  ) {}

  async execute(caller: CallerScope, messageId: string): Promise<MessageSnapshot> {
    const entry = await this.timeline.get(messageId);
    if (!entry || entry.kind !== 'message' || !entry.visible || entry.workspaceId !== caller.workspaceId) throw notFound('Message');
    try {
      await this.threads.visible(caller, entry.contactId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw notFound('Message');
      throw error;
    }
    return entry.item as MessageSnapshot;
  }
}
