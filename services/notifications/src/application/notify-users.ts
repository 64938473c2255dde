import { Inject, Injectable } from '@nestjs/common';
import type { NotificationKind } from '@omnibox/contracts';
import type { WorkspaceDirectory } from '@omnibox/directory';
import { ContentFacts, contentOf, Notification, notificationId } from '../domain/notification';
import { candidatesOf, Notice, recipients, ThreadFacts } from '../domain/recipients';
import { Notifier } from './notifier';
import { DIRECTORY, Directory } from './ports';

/** An event that notifies named users or a team of one thing (every kind but the coalesced team_message). */
export interface NoticeInput {
  workspaceId: string;
  /** The event: what the notifications' ids and announcements derive from, unless `idKey` says otherwise. */
  eventId: string;
  occurredAt: string;
  actorId: string | null;
  notice: Notice<NotificationKind>;
  thread: ThreadFacts;
  /** When `thread` was true (the thread's updatedAt, or the event's time). */
  threadAt: string;
  contactId: string | null;
  callId?: string | null;
  /** What the words are made of (names come from the directory). */
  facts(directory: WorkspaceDirectory): ContentFacts;
  /** A key of the thing notified about when one thing may be announced by several events (a snooze's wake). */
  idKey?: string;
}

/**
 * NTF-1 / NTF-3 for one event: the users it concerns, narrowed to those notified (never the actor,
 * nothing about a blocked contact, only who may see the thread now), each get one notification with an
 * id derived from the event (or the thing) and the user, then stored and announced per their settings.
 */
@Injectable()
export class NotifyUsers {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly notifier: Notifier,
  ) {}

  async execute(input: NoticeInput): Promise<void> {
    const directory = await this.directory.of(input.workspaceId);
    const users = recipients(candidatesOf(input.notice, directory), { directory, thread: input.thread, actorId: input.actorId, at: new Date(input.occurredAt) });
    if (users.length === 0) return;
    const { title, body } = contentOf(input.notice.kind, input.facts(directory));
    const key = input.idKey ?? `${input.notice.kind}|${input.eventId}`;
    const notifications = users.map(
      (userId): Notification => ({
        id: notificationId(`${key}|${userId}`),
        workspaceId: input.workspaceId,
        userId,
        kind: input.notice.kind,
        contactId: input.contactId,
        callId: input.callId ?? null,
        actorId: input.actorId,
        title,
        body,
        base: 0,
        lastCount: 1,
        read: false,
        createdAt: input.occurredAt,
        updatedAt: input.occurredAt,
        thread: input.thread,
        threadAt: input.threadAt,
        run: null,
      }),
    );
    await this.notifier.create(input.workspaceId, key, notifications, input.occurredAt);
  }
}
