import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommentCreated, dotViewFor, EventEnvelope, MessageCreated, MessageUpdated, placementOf, ThreadUpdated, TimelineEventRecorded } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { InboxState } from './inbox.state';
import { WorkspaceDirectory } from './workspace-directory';

/**
 * Turns conversation events into the sidebar state and realtime frames, once for all gateway replicas
 * (one durable consumer they share; events of one thread in order):
 * - INB-5 open counts: each thread's bucket moves with its latest snapshot (idempotent, order-safe);
 * - INB-6 dots: an incoming message lights, for each user who can see the thread, the one view the
 *   Mine > Team > Unassigned > All rule picks (setting a dot twice is the same dot);
 * - INB-8 frames for every replica's sockets, which filter them per user (VIS-4).
 * Consistency: the state converges to the latest event of each thread; a frame may be repeated after
 * a redelivery (same `id`), never lost while Redis is up (the event is retried until published).
 */
@Injectable()
export class InboxConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly state: InboxState,
    private readonly workspace: WorkspaceDirectory,
    private readonly publisher: RealtimePublisher,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'gateway-inbox',
      filter: '*.conversations.>',
      types: [ThreadUpdated.type, MessageCreated.type, MessageUpdated.type, CommentCreated.type, TimelineEventRecorded.type],
      concurrency: 32,
      backoffMs: 200,
      // Idempotent by construction (counts follow each thread's latest snapshot, a dot set twice is one
      // dot, frames carry the event id), so no per-event bookkeeping round trips on the push path.
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    const workspaceId = event.workspaceId;
    const base = { id: event.id, workspaceId, occurredAt: event.occurredAt };
    if (ThreadUpdated.is(event)) {
      const thread = event.data.thread;
      const placed = await this.state.place(workspaceId, thread);
      await this.publisher.publishAll([
        { ...base, type: 'conversation.updated', thread, data: null },
        ...(placed.moved ? [{ ...base, id: `${event.id}:inbox`, type: 'inbox.updated' as const, thread: null, data: null, users: '*' as const }] : []),
      ]);
    } else if (MessageCreated.is(event)) {
      const { message, thread } = event.data;
      if (message.suppressed) return; // CNV-8: a blocked contact's message reaches no one
      const frame = { ...base, type: 'message.created' as const, thread, data: message };
      if (message.direction !== 'incoming' || thread.contact.blocked) {
        await this.publisher.publish(frame);
      } else {
        // A directory a second old is fresh enough to light dots (they are cleared by the user anyway).
        const directory = await this.workspace.of(workspaceId, { maxAgeMs: 1000 });
        const placement = placementOf(thread);
        const now = new Date(event.occurredAt);
        const dots = directory.users.flatMap((user) => {
          const view = dotViewFor(user, placement, directory.teams, now);
          return view ? [{ userId: user.principalId, view }] : [];
        });
        await this.state.lightDots(workspaceId, dots, event.occurredAt);
        await this.publisher.publishAll([frame, ...(dots.length ? [{ ...base, id: `${event.id}:inbox`, type: 'inbox.updated' as const, thread: null, data: null, users: dots.map((dot) => dot.userId) }] : [])]);
      }
    } else if (MessageUpdated.is(event)) {
      await this.publisher.publish({ ...base, type: 'message.updated', thread: event.data.thread, data: event.data.message });
    } else if (CommentCreated.is(event)) {
      await this.publisher.publish({ ...base, type: 'comment.created', thread: event.data.thread, data: event.data.comment });
    } else if (TimelineEventRecorded.is(event)) {
      await this.publisher.publish({ ...base, type: 'event.created', thread: event.data.thread, data: event.data.event });
    }
  }
}
