import type { Direction, EventSource, Referral, ThreadSnapshot, ThreadStatus } from '@omnibox/contracts';

/**
 * A thread: the one conversation of a contact (contact-centric inbox). Pure state and the rules that
 * change it (CNV-1…8, VIS-3, INB-7); no I/O. Times are ISO strings.
 */
export interface ThreadState {
  contactId: string;
  workspaceId: string;
  contact: { id: string; firstName: string; lastName: string | null; blocked: boolean; phone: string | null; email: string | null };
  /** Channels the contact is known on: channelId → external id there. */
  identities: Record<string, string>;
  status: ThreadStatus;
  previousStatus: ThreadStatus | null;
  /** When the thread entered its status (shifted after a snooze so the time before it counts, FLT-4). */
  statusSince: string;
  snoozedUntil: string | null;
  snoozedAt: string | null;
  /** statusSince of the status a snooze interrupted. */
  previousStatusSince: string | null;
  assigneeId: string | null;
  teamId: string | null;
  collaboratorIds: string[];
  mentionedUntil: Record<string, string>;
  lastMessage: { id: string; direction: Direction; at: string; preview: string } | null;
  lastMessageAt: string | null;
  unreplied: boolean;
  lastIncomingAt: string | null;
  lastIncomingChannelId: string | null;
  /** channelId → time of the contact's latest message there (MSG-3 windows). */
  lastIncomingByChannel: Record<string, string>;
  incomingCount: number;
  /** userId → incomingCount when they last read the thread (INB-7). */
  reads: Record<string, number>;
  /** Ids of the latest incoming messages applied, so a redelivered message is applied once. */
  recentIncomingIds: string[];
  /** Open→closed spans so far (the current one included). */
  episode: number;
  deleted: boolean;
  updatedAt: string;
}

/** A timeline event to record (CNV-9), before it gets an id. */
export interface EventDraft {
  category: string;
  type: string;
  source: EventSource;
  actorId: string | null;
  data?: Record<string, unknown>;
  referral?: Referral | null;
  /** When it happened, if not at the time of the write (e.g. just before the message that caused it). */
  at?: string;
}

export interface Transition {
  state: ThreadState;
  events: EventDraft[];
}

/** Who acts: a user (or API token) with the teams they belong to. */
export interface Actor {
  id: string;
  kind: 'user' | 'api' | 'system';
  teamIds: string[];
}

export const MENTION_ACCESS_MS = 24 * 60 * 60 * 1000;
/**
 * Incoming messages a thread remembers having counted. A provider event is redelivered only when it
 * was not acknowledged (a crash, a failed attempt), and one contact rarely sends this many messages
 * meanwhile; the list is small because every thread write carries it.
 */
const RECENT_IDS = 20;

export function sourceOf(actor: Actor): EventSource {
  return actor.kind === 'user' ? 'user' : actor.kind === 'api' ? 'api' : 'system';
}

export function newThread(input: {
  workspaceId: string;
  contact: ThreadState['contact'];
  assigneeId?: string | null;
  teamId?: string | null;
  identities?: Record<string, string>;
  now: string;
}): ThreadState {
  return {
    contactId: input.contact.id,
    workspaceId: input.workspaceId,
    contact: input.contact,
    identities: input.identities ?? {},
    status: 'closed',
    previousStatus: null,
    statusSince: input.now,
    snoozedUntil: null,
    snoozedAt: null,
    previousStatusSince: null,
    assigneeId: input.assigneeId ?? null,
    teamId: input.teamId ?? null,
    collaboratorIds: [],
    mentionedUntil: {},
    lastMessage: null,
    lastMessageAt: null,
    unreplied: false,
    lastIncomingAt: null,
    lastIncomingChannelId: null,
    lastIncomingByChannel: {},
    incomingCount: 0,
    reads: {},
    recentIncomingIds: [],
    episode: 0,
    deleted: false,
    updatedAt: input.now,
  };
}

function moveTo(state: ThreadState, status: ThreadStatus, now: string): ThreadState {
  return { ...state, status, statusSince: now, previousStatus: null, snoozedUntil: null, snoozedAt: null, previousStatusSince: null, episode: status === 'open' ? state.episode + 1 : state.episode };
}

/**
 * Ends a snooze (CNV-7): back to the status it interrupted. The time spent in that status before
 * the snooze still counts (FLT-4), so statusSince is shifted by the length of the snooze.
 */
function endSnooze(state: ThreadState, now: string): ThreadState {
  const status = state.previousStatus ?? 'open';
  const before = state.previousStatusSince && state.snoozedAt ? Date.parse(state.snoozedAt) - Date.parse(state.previousStatusSince) : 0;
  const since = new Date(Date.parse(now) - Math.max(0, before)).toISOString();
  return { ...state, status, statusSince: since, previousStatus: null, snoozedUntil: null, snoozedAt: null, previousStatusSince: null };
}

export function preview(text: string | null | undefined, fallback: string): string {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return (value || fallback).slice(0, 140);
}

/**
 * CNV-1 / CNV-7: an incoming message. Opens the thread (event: opened by contact, with the referral
 * when there is one), wakes a snoozed one, counts it unread for everyone (INB-7).
 */
export function receiveIncoming(
  state: ThreadState,
  message: { id: string; channelId: string; at: string; preview: string; referral?: Referral | null },
  now: string,
): Transition {
  if (state.recentIncomingIds.includes(message.id)) return { state, events: [] };
  const events: EventDraft[] = [];
  let next = state;
  if (next.status === 'snoozed') {
    events.push({ category: 'snooze', type: 'unsnoozed', source: 'contact', actorId: null, data: { snoozedUntil: next.snoozedUntil, reason: 'incoming_message' } });
    next = endSnooze(next, now);
  }
  if (next.status !== 'open') {
    next = moveTo(next, 'open', now);
    events.push({ category: 'open', type: 'opened', source: 'contact', actorId: null, referral: message.referral ?? null });
  }
  // The timeline shows what the message caused just before the message itself.
  const justBefore = new Date(Date.parse(message.at) - 1).toISOString();
  for (const event of events) event.at = justBefore;
  // A message redelivered after newer ones (a retry) counts, but does not move the thread back.
  const latest = !next.lastMessageAt || message.at >= next.lastMessageAt;
  const latestIncoming = !next.lastIncomingAt || message.at >= next.lastIncomingAt;
  const previousOnChannel = next.lastIncomingByChannel[message.channelId];
  next = {
    ...next,
    ...(latest ? { lastMessage: { id: message.id, direction: 'incoming' as const, at: message.at, preview: message.preview }, lastMessageAt: message.at, unreplied: true } : {}),
    ...(latestIncoming ? { lastIncomingAt: message.at, lastIncomingChannelId: message.channelId } : {}),
    lastIncomingByChannel: { ...next.lastIncomingByChannel, [message.channelId]: previousOnChannel && previousOnChannel > message.at ? previousOnChannel : message.at },
    incomingCount: next.incomingCount + 1,
    recentIncomingIds: [...next.recentIncomingIds, message.id].slice(-RECENT_IDS),
    updatedAt: now,
  };
  return { state: next, events };
}

/**
 * An outgoing message. A user replying to an unassigned thread becomes its assignee (CNV-2); when the
 * thread belongs to a team, only a member of that team takes it. Broadcasts never move the thread
 * in lists nor count as a reply (FLT-2, FLT-3).
 */
export function sendOutgoing(
  state: ThreadState,
  message: { id: string; at: string; preview: string; broadcast: boolean },
  actor: Actor,
  now: string,
): Transition {
  if (message.broadcast) {
    return { state: { ...state, updatedAt: now }, events: [{ category: 'broadcast', type: 'broadcast_sent', source: 'system', actorId: actor.kind === 'system' ? null : actor.id, data: { messageId: message.id } }] };
  }
  const events: EventDraft[] = [];
  let next: ThreadState = {
    ...state,
    lastMessage: { id: message.id, direction: 'outgoing', at: message.at, preview: message.preview },
    lastMessageAt: message.at,
    unreplied: false,
    updatedAt: now,
  };
  const takesOwnership = actor.kind === 'user' && !state.assigneeId && (!state.teamId || actor.teamIds.includes(state.teamId));
  if (takesOwnership) {
    next = { ...next, assigneeId: actor.id };
    events.push({ category: 'assignment', type: 'assigned', source: 'user', actorId: actor.id, data: { assigneeId: actor.id, teamId: state.teamId, mode: 'first_reply' } });
  }
  return { state: next, events };
}

export type AssignCommand =
  | { mode: 'me' }
  | { mode: 'user'; userId: string; userTeamIds: string[] }
  | { mode: 'team'; teamId: string }
  | { mode: 'team_member'; teamId: string; userId: string }
  | { mode: 'round_robin'; teamId: string; userId: string }
  | { mode: 'unassign' };

/**
 * CNV-4. Assigning to a user keeps the team only if the user belongs to it; to a team's inbox sets
 * the team and clears the assignee; to a team member (or by round-robin) sets both; unassign clears
 * the assignee and keeps the team, so the thread lands in that team's Unassigned tab.
 */
export function assign(state: ThreadState, command: AssignCommand, actor: Actor, now: string): Transition {
  let assigneeId = state.assigneeId;
  let teamId = state.teamId;
  switch (command.mode) {
    case 'me':
      assigneeId = actor.id;
      if (teamId && !actor.teamIds.includes(teamId)) teamId = null;
      break;
    case 'user':
      assigneeId = command.userId;
      if (teamId && !command.userTeamIds.includes(teamId)) teamId = null;
      break;
    case 'team':
      assigneeId = null;
      teamId = command.teamId;
      break;
    case 'team_member':
    case 'round_robin':
      assigneeId = command.userId;
      teamId = command.teamId;
      break;
    case 'unassign':
      assigneeId = null;
      break;
  }
  const type = command.mode === 'unassign' ? 'unassigned' : 'assigned';
  const event: EventDraft = {
    category: command.mode === 'unassign' ? 'unassignment' : 'assignment',
    type,
    source: sourceOf(actor),
    actorId: actor.id,
    data: { mode: command.mode, assigneeId, teamId, previousAssigneeId: state.assigneeId, previousTeamId: state.teamId },
  };
  return { state: { ...state, assigneeId, teamId, updatedAt: now }, events: [event] };
}

/** CNV-5: collaborators see and reply; the assignee does not change. */
export function addCollaborator(state: ThreadState, userId: string, actor: Actor, now: string): Transition {
  if (state.collaboratorIds.includes(userId)) return { state, events: [] };
  return {
    state: { ...state, collaboratorIds: [...state.collaboratorIds, userId], updatedAt: now },
    events: [{ category: 'collaboration', type: 'collaborator_added', source: sourceOf(actor), actorId: actor.id, data: { userId } }],
  };
}

export function removeCollaborator(state: ThreadState, userId: string, actor: Actor, now: string): Transition {
  if (!state.collaboratorIds.includes(userId)) return { state, events: [] };
  return {
    state: { ...state, collaboratorIds: state.collaboratorIds.filter((id) => id !== userId), updatedAt: now },
    events: [{ category: 'collaboration', type: 'collaborator_removed', source: sourceOf(actor), actorId: actor.id, data: { userId } }],
  };
}

/** SRC-3: a mention grants 24 h of access to the thread, without making the user a collaborator. */
export function mention(state: ThreadState, userIds: string[], now: string): ThreadState {
  if (userIds.length === 0) return state;
  const until = new Date(Date.parse(now) + MENTION_ACCESS_MS).toISOString();
  const mentionedUntil = { ...state.mentionedUntil };
  // Expired grants are dropped as new ones are written, so the map stays small.
  for (const [userId, at] of Object.entries(mentionedUntil)) if (Date.parse(at) <= Date.parse(now)) delete mentionedUntil[userId];
  for (const userId of userIds) mentionedUntil[userId] = until;
  return { ...state, mentionedUntil, updatedAt: now };
}

/** CNV-6: close or open by hand (or by API, workflow, bot, contact merge), with category and summary. */
export function setStatus(
  state: ThreadState,
  status: 'open' | 'closed',
  source: EventSource,
  actorId: string | null,
  now: string,
  details: { category?: string; summary?: string } = {},
): Transition {
  if (state.status === status) return { state, events: [] };
  const data: Record<string, unknown> = {};
  if (details.category) data.category = details.category;
  if (details.summary) data.summary = details.summary;
  if (state.status === 'snoozed') data.wasSnoozedUntil = state.snoozedUntil;
  return {
    state: { ...moveTo(state, status, now), updatedAt: now },
    events: [{ category: status === 'open' ? 'open' : 'close', type: status === 'open' ? 'opened' : 'closed', source, actorId, data: Object.keys(data).length ? data : undefined }],
  };
}

export type RuleRefusal = { refused: string; message: string };

/** CNV-7: snooze until a future time; blocked contacts cannot be snoozed. */
export function snooze(state: ThreadState, until: string, actor: Actor, now: string): Transition | RuleRefusal {
  if (state.contact.blocked) return { refused: 'contact_blocked', message: 'A blocked contact cannot be snoozed; unblock the contact first' };
  const interrupted = state.status === 'snoozed' ? state.previousStatus ?? 'open' : state.status;
  const interruptedSince = state.status === 'snoozed' ? state.previousStatusSince : state.statusSince;
  return {
    state: {
      ...state,
      status: 'snoozed',
      previousStatus: interrupted,
      previousStatusSince: interruptedSince,
      snoozedAt: state.status === 'snoozed' ? state.snoozedAt : now,
      snoozedUntil: until,
      statusSince: state.status === 'snoozed' ? state.statusSince : now,
      updatedAt: now,
    },
    events: [{ category: 'snooze', type: 'snoozed', source: sourceOf(actor), actorId: actor.id, data: { until, previousStatus: interrupted } }],
  };
}

/** CNV-7: wake at the chosen time (early = unsnoozed by hand); null when the thread is not snoozed. */
export function wake(state: ThreadState, actor: Actor | null, now: string): Transition | null {
  if (state.status !== 'snoozed') return null;
  const next = { ...endSnooze(state, now), updatedAt: now };
  return {
    state: next,
    events: [
      {
        category: 'snooze',
        type: 'unsnoozed',
        source: actor ? sourceOf(actor) : 'system',
        actorId: actor?.id ?? null,
        data: { snoozedUntil: state.snoozedUntil, reason: actor ? 'early' : 'time_reached', status: next.status },
      },
    ],
  };
}

/** INB-7: reading the thread clears the caller's unread count. */
export function markRead(state: ThreadState, userId: string, now: string): ThreadState {
  if (state.reads[userId] === state.incomingCount) return state;
  return { ...state, reads: { ...state.reads, [userId]: state.incomingCount }, updatedAt: now };
}

/**
 * CNV-8: blocking closes the thread (it leaves every view but Blocked); unblocking keeps it closed and
 * returns it to its normal views.
 */
export function setContactBlocked(state: ThreadState, blocked: boolean, actorId: string | null, now: string): Transition {
  if (state.contact.blocked === blocked) return { state, events: [] };
  let next: ThreadState = { ...state, contact: { ...state.contact, blocked }, updatedAt: now };
  const events: EventDraft[] = [{ category: 'contact', type: blocked ? 'contact_blocked' : 'contact_unblocked', source: actorId ? 'user' : 'system', actorId }];
  if (blocked && next.status !== 'closed') {
    next = { ...moveTo(next, 'closed', now), updatedAt: now };
    events.push({ category: 'close', type: 'closed', source: 'system', actorId, data: { reason: 'contact_blocked' } });
  }
  return { state: next, events };
}

/**
 * Fresh contact details on the thread. A change of the blocked flag goes through `setContactBlocked`,
 * so it closes the thread and is recorded whichever way it is noticed first.
 */
export function withContact(state: ThreadState, contact: ThreadState['contact'], now: string): Transition {
  const details = { ...contact, blocked: state.contact.blocked };
  const updated: ThreadState = JSON.stringify(details) === JSON.stringify(state.contact) ? state : { ...state, contact: details, updatedAt: now };
  return contact.blocked === state.contact.blocked ? { state: updated, events: [] } : setContactBlocked(updated, contact.blocked, null, now);
}

/** The thread as events carry it to read models. */
export function snapshotOf(state: ThreadState): ThreadSnapshot {
  return {
    contactId: state.contactId,
    contact: { id: state.contact.id, firstName: state.contact.firstName, lastName: state.contact.lastName, blocked: state.contact.blocked },
    status: state.status,
    previousStatus: state.previousStatus,
    snoozedUntil: state.snoozedUntil,
    snoozedAt: state.snoozedAt,
    assigneeId: state.assigneeId,
    teamId: state.teamId,
    collaboratorIds: state.collaboratorIds,
    mentionedUntil: state.mentionedUntil,
    lastMessage: state.lastMessage,
    lastMessageAt: state.lastMessageAt,
    unreplied: state.unreplied,
    lastIncomingAt: state.lastIncomingAt,
    lastIncomingChannelId: state.lastIncomingChannelId,
    statusSince: state.statusSince,
    incomingCount: state.incomingCount,
    reads: state.reads,
    episode: state.episode,
    deleted: state.deleted,
    updatedAt: state.updatedAt,
  };
}

/** Which top-level fields differ, for `changed` in thread events and for the $set of the write. */
export function changedFields(before: ThreadState, after: ThreadState): Array<keyof ThreadState> {
  return (Object.keys(after) as Array<keyof ThreadState>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
