import { randomUUID } from 'node:crypto';
import { CommentCreated, EventEnvelope, MessageCreated, MessageSnapshot, ThreadSnapshot, TimelineEventRecorded } from '@omnibox/contracts';

/**
 * The conversation events the benchmark publishes, as the conversations service announces them: the
 * notifications service is reached only through the event stream (and the gateway for reads), so its
 * load is exactly what the benchmark says, without the ingest path in front of it.
 */
export interface Workload {
  workspaceId: string;
  teamId: string;
  ownerId: string;
  memberIds: string[];
}

export function thread(work: Workload, contactId: string, state: { incomingCount: number; preview: string; at: string; assigneeId?: string | null; teamId?: string | null; mentionedUntil?: Record<string, string> }): ThreadSnapshot {
  return {
    contactId,
    contact: { id: contactId, firstName: `Bench ${contactId.slice(-4)}`, lastName: null, blocked: false },
    status: 'open',
    previousStatus: null,
    snoozedUntil: null,
    snoozedAt: null,
    assigneeId: state.assigneeId ?? null,
    teamId: state.teamId === undefined ? work.teamId : state.teamId,
    collaboratorIds: [],
    mentionedUntil: state.mentionedUntil ?? {},
    lastMessage: { id: `m-${contactId}-${state.incomingCount}`, direction: 'incoming', at: state.at, preview: state.preview },
    lastMessageAt: state.at,
    unreplied: true,
    lastIncomingAt: state.at,
    statusSince: state.at,
    lastIncomingChannelId: 'bench-channel',
    incomingCount: state.incomingCount,
    reads: {},
    episode: 0,
    deleted: false,
    updatedAt: state.at,
  };
}

/** The n-th incoming message of an unowned thread in the team's inbox. */
export function incomingMessage(work: Workload, contactId: string, n: number): EventEnvelope {
  const at = new Date().toISOString();
  const preview = `message ${n} on ${contactId}`;
  const message: MessageSnapshot = {
    kind: 'message',
    id: `m-${contactId}-${n}`,
    contactId,
    direction: 'incoming',
    channelId: 'bench-channel',
    type: 'text',
    text: preview,
    status: 'received',
    error: null,
    sender: { category: 'contact' },
    replyToId: null,
    linkPreview: null,
    attachment: null,
    template: null,
    email: null,
    payload: null,
    broadcastId: null,
    suppressed: false,
    createdAt: at,
  };
  return MessageCreated.create({ workspaceId: work.workspaceId, aggregateId: contactId, actor: { kind: 'contact', id: contactId }, data: { message, thread: thread(work, contactId, { incomingCount: n, preview, at }) } });
}

/** The owner mentions one member in a comment on a thread. */
export function mention(work: Workload, contactId: string, incomingCount: number, userId: string): EventEnvelope {
  const at = new Date().toISOString();
  const until = new Date(Date.now() + 24 * 3600_000).toISOString();
  const comment = { kind: 'comment' as const, id: randomUUID(), contactId, text: `{{@user.${userId}}} please look`, authorId: work.ownerId, mentionIds: [userId], createdAt: at };
  const snapshot = thread(work, contactId, { incomingCount, preview: 'mentioned', at, mentionedUntil: { [userId]: until } });
  return CommentCreated.create({ workspaceId: work.workspaceId, aggregateId: contactId, actor: { kind: 'user', id: work.ownerId }, data: { comment, thread: snapshot } });
}

/** The owner assigns a thread of its own (outside the team's inbox) to a member. */
export function assignment(work: Workload, contactId: string, userId: string): EventEnvelope {
  const at = new Date().toISOString();
  const event = {
    kind: 'event' as const,
    id: randomUUID(),
    contactId,
    category: 'assignment',
    type: 'assigned',
    source: 'user' as const,
    actorId: work.ownerId,
    data: { mode: 'user', assigneeId: userId, teamId: null, previousAssigneeId: null, previousTeamId: null },
    referral: null,
    createdAt: at,
  };
  const snapshot = thread(work, contactId, { incomingCount: 1, preview: 'assigned', at, assigneeId: userId, teamId: null });
  return TimelineEventRecorded.create({ workspaceId: work.workspaceId, aggregateId: contactId, actor: { kind: 'user', id: work.ownerId }, data: { event, thread: snapshot } });
}
