import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommentCreated, EventEnvelope, MessageCreated, ThreadUpdated, ThreadWoke, TimelineEventRecorded } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { FollowThread } from '../../application/follow-thread';
import { NotifyAssignment } from '../../application/notify-assignment';
import { NotifyIncomingMessage } from '../../application/notify-incoming-message';
import { NotifyMention } from '../../application/notify-mention';
import { NotifySnoozeWoke } from '../../application/notify-snooze-woke';
import type { NotificationsConfig } from '../../config';

/**
 * Durable `notifications-conversations`: the conversation events that notify (assignments and
 * collaborators from the timeline, incoming messages, mentions, snooze wake-ups) and the thread
 * updates the centre follows (access, ownership, reads). One consumer, so one thread's events are
 * handled in stream order (a read after a message, an assignment before the next message); threads
 * side by side. Idempotent by construction (ids derived from the events, runs counted by the thread's
 * incoming count), so no per-event bookkeeping round trips.
 */
@Injectable()
export class ConversationEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly assignment: NotifyAssignment,
    private readonly incoming: NotifyIncomingMessage,
    private readonly mention: NotifyMention,
    private readonly snoozeWoke: NotifySnoozeWoke,
    private readonly followThread: FollowThread,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'notifications-conversations',
      filter: '*.conversations.>',
      types: [TimelineEventRecorded.type, MessageCreated.type, CommentCreated.type, ThreadWoke.type, ThreadUpdated.type],
      concurrency: this.config.CONSUMER_CONCURRENCY,
      backoffMs: 200,
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const base = { workspaceId: event.workspaceId, eventId: event.id, occurredAt: event.occurredAt };
    const actorId = event.actor?.kind === 'user' ? (event.actor.id ?? null) : null;
    if (TimelineEventRecorded.is(event)) await this.assignment.execute({ ...base, actorId, event: event.data.event, thread: event.data.thread });
    else if (MessageCreated.is(event)) await this.incoming.execute({ ...base, message: event.data.message, thread: event.data.thread });
    else if (CommentCreated.is(event)) await this.mention.execute({ ...base, comment: event.data.comment, thread: event.data.thread });
    else if (ThreadWoke.is(event)) await this.snoozeWoke.execute({ ...base, actorId, thread: event.data.thread, snoozedUntil: event.data.snoozedUntil });
    else if (ThreadUpdated.is(event)) await this.followThread.execute({ ...base, actor: event.actor, thread: event.data.thread, changed: event.data.changed });
  }
}
