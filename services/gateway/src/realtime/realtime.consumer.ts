import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommentCreated, EventEnvelope, InboxUpdated, MessageCreated, MessageUpdated, ThreadUpdated, TimelineEventRecorded } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { RealtimePublisher } from './realtime.publisher';

/**
 * Turns conversation events into realtime frames, once for all gateway replicas (one durable consumer
 * they share; events of one thread in order), each published with the thread it is about so every
 * replica decides per socket who may receive it (VIS-4). `conversations.inbox.updated` (the inbox's
 * counts or dots changed for some users) becomes an `inbox.updated` frame naming those users.
 * A frame may be repeated after a redelivery (same `id`), never lost while Redis is up (the event is
 * retried until published).
 */
@Injectable()
export class RealtimeConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly publisher: RealtimePublisher,
  ) {}

  onModuleInit() {
    this.registry.add({
      // The name it had when it also kept counts and dots: a new durable would replay the retained stream as frames.
      durable: 'gateway-inbox',
      filter: '*.conversations.>',
      types: [ThreadUpdated.type, MessageCreated.type, MessageUpdated.type, CommentCreated.type, TimelineEventRecorded.type, InboxUpdated.type],
      concurrency: 32,
      backoffMs: 200,
      // Frames carry the event id, so a redelivery repeats a frame and needs no bookkeeping round trips.
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    const base = { id: event.id, workspaceId: event.workspaceId, occurredAt: event.occurredAt };
    if (ThreadUpdated.is(event)) {
      await this.publisher.publish({ ...base, type: 'conversation.updated', thread: event.data.thread, data: null });
    } else if (MessageCreated.is(event)) {
      if (event.data.message.suppressed) return; // CNV-8: a blocked contact's message reaches no one
      await this.publisher.publish({ ...base, type: 'message.created', thread: event.data.thread, data: event.data.message });
    } else if (MessageUpdated.is(event)) {
      await this.publisher.publish({ ...base, type: 'message.updated', thread: event.data.thread, data: event.data.message });
    } else if (CommentCreated.is(event)) {
      await this.publisher.publish({ ...base, type: 'comment.created', thread: event.data.thread, data: event.data.comment });
    } else if (TimelineEventRecorded.is(event)) {
      await this.publisher.publish({ ...base, type: 'event.created', thread: event.data.thread, data: event.data.event });
    } else if (InboxUpdated.is(event)) {
      await this.publisher.publish({ ...base, type: 'inbox.updated', thread: null, data: null, users: event.data.everyone ? '*' : event.data.userIds });
    }
  }
}
