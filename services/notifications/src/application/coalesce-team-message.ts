import { Inject, Injectable } from '@nestjs/common';
import type { MessageSnapshot, NotificationSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import { coalesce, Coalesced, headOf, RunMember, TeamMessage } from '../domain/coalescing';
import { contactNameOf, contentOf, Notification, notificationId, RunHead } from '../domain/notification';
import { membersOf, recipients, threadFactsOf } from '../domain/recipients';
import { Notifier, Outgoing } from './notifier';
import { DIRECTORY, Directory, NOTIFICATION_STORE, NotificationStore, TEAM_MESSAGE_RUNS, TeamMessageRuns } from './ports';

type Input = { workspaceId: string; eventId: string; occurredAt: string; teamId: string; message: MessageSnapshot; thread: ThreadSnapshot };

/**
 * CNV-4 / NTF-1 `team_message`: an incoming message on a thread in a team's inbox that nobody owns
 * grows one unread notification per member (created with the first message, or the first after they
 * read theirs) until someone owns the thread. The thread's run is changed one message at a time across
 * replicas; new notifications are stored before the run names them and announced after it is saved,
 * so a crash anywhere leaves a redelivery that finishes the work with the same ids (NTF-3). Members
 * with the kind off in the centre but on for push get the push alone.
 */
@Injectable()
export class CoalesceTeamMessage {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(TEAM_MESSAGE_RUNS) private readonly runs: TeamMessageRuns,
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    private readonly notifier: Notifier,
  ) {}

  async execute(input: Input): Promise<void> {
    const { thread, workspaceId } = input;
    const [directory, settingsOf] = await Promise.all([this.directory.of(workspaceId), this.notifier.settingsOf(workspaceId)]);
    const facts = threadFactsOf(thread);
    const users = recipients(membersOf(directory, input.teamId), { directory, thread: facts, actorId: null, at: new Date(input.occurredAt) });
    const inCentre = users.filter((userId) => settingsOf(userId).kinds.team_message.centre);
    const { title, body } = contentOf('team_message', { contactName: contactNameOf(thread.contact), actorName: null, teamName: directory.team(input.teamId)?.name ?? null, text: thread.lastMessage?.preview ?? input.message.text });
    const message: TeamMessage = { eventId: input.eventId, contactId: thread.contactId, workspaceId, teamId: input.teamId, incomingCount: thread.incomingCount, preview: body, at: input.occurredAt };
    const key = `team_message|${input.eventId}`;
    const record = (userId: string, member: RunMember, head: RunHead): Notification => ({
      id: member.id,
      workspaceId,
      userId,
      kind: 'team_message',
      contactId: thread.contactId,
      callId: null,
      actorId: null,
      title,
      body: head.body,
      base: member.base,
      lastCount: head.lastCount,
      read: false,
      createdAt: member.since,
      updatedAt: head.updatedAt,
      thread: facts,
      threadAt: thread.updatedAt,
      run: thread.contactId,
    });
    const result = await this.runs.exclusive(thread.contactId, async (): Promise<Coalesced> => {
      const current = await this.runs.find(thread.contactId);
      const outcome = coalesce(current, message, inCentre, (userId) => notificationId(`${key}|${userId}`));
      // Those no longer notified keep what they showed; new ones exist before the run names them.
      if (outcome.detached.length) await this.store.freeze(workspaceId, thread.contactId, outcome.detached.map((member) => member.id), outcome.frozenAs!, false);
      const head = outcome.run?.head ?? headOf(message);
      await this.store.insert(outcome.created.map(({ userId, ...member }) => record(userId, member, head)));
      if (outcome.changed && outcome.run) await this.runs.save(outcome.run);
      else if (!outcome.run && current) await this.runs.remove(thread.contactId);
      return outcome;
    });
    const head = result.run?.head ?? headOf(message);
    const snapshot = (userId: string, member: RunMember): NotificationSnapshot => {
      const { id, kind, contactId, callId, actorId, createdAt, updatedAt } = record(userId, member, head);
      return { id, kind, contactId, callId, actorId, title, body: head.body, count: Math.max(1, head.lastCount - member.base), read: false, createdAt, updatedAt };
    };
    const outgoing: Outgoing[] = [
      ...result.created.map(({ userId, ...member }): Outgoing => ({ userId, notification: snapshot(userId, member), frame: 'notification.created' })),
      ...result.grown.map(({ userId, ...member }): Outgoing => ({ userId, notification: snapshot(userId, member), frame: 'notification.updated' })),
      // Push only: a notification of its own for the push, never stored.
      ...(result.latest
        ? users
            .filter((userId) => !inCentre.includes(userId))
            .map((userId): Outgoing => ({ userId, notification: snapshot(userId, { id: notificationId(`${key}|${userId}`), base: message.incomingCount - 1, since: message.at }), frame: null }))
        : []),
    ];
    await this.notifier.announce(workspaceId, key, outgoing, settingsOf, input.occurredAt);
  }
}

