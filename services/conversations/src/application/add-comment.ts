import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, CommentCreated, CommentSnapshot } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { mention } from '../domain/mentions';
import { CallerThreads, eventActor } from './caller-threads';
import { newId } from './ids';
import { TIMELINE, Timeline } from './ports';
import { ThreadWriter } from './thread-writer';

/**
 * SRC-1…3: an internal comment (never sent to the contact); mentioned users are granted 24 h of
 * access and notified (from `conversations.comment.created`).
 */
@Injectable()
export class AddComment {
  constructor(
    private readonly threads: CallerThreads,
    private readonly writer: ThreadWriter,
    @Inject(TIMELINE) private readonly timeline: Timeline,
  ) {}

  async execute(caller: CallerScope, contactId: string, text: string, mentionIds: string[]): Promise<CommentSnapshot> {
    const thread = await this.threads.visible(caller, contactId);
    const now = new Date().toISOString();
    const comment: CommentSnapshot = { kind: 'comment', id: newId(), contactId, text, authorId: caller.principalId, mentionIds, createdAt: now };
    await this.timeline.add({ id: comment.id, workspaceId: thread.workspaceId, contactId, kind: 'comment', at: now, visible: true, item: comment }, []);
    const actor = eventActor(caller);
    await this.writer.apply(thread, (state) => ({ state: mention(state, mentionIds, caller.principalId, now), events: [] }), {
      actor,
      force: true,
      extra: (snapshot) => [CommentCreated.create({ workspaceId: thread.workspaceId, aggregateId: contactId, data: { comment, thread: snapshot }, actor, correlationId: currentCorrelationId() })],
    });
    return comment;
  }
}
