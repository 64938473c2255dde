import type { Direction, EventSource, Referral, ThreadSnapshot, ThreadStatus } from '@omnibox/contracts';

/**
 * A thread: the one conversation of a contact (contact-centric inbox), as pure state. The rules that
 * change it live beside this file, one concept each (thread-status, assignment, snooze …); no I/O.
 * Times are ISO strings.
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

/** What a rule did to a thread: its new state and the timeline events that record it. */
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

/** A product rule refuses the action (answered 422 with `refused` as the error code). */
export type RuleRefusal = { refused: string; message: string };

export const isRefusal = (value: unknown): value is RuleRefusal => typeof value === 'object' && value !== null && 'refused' in value;

export function sourceOf(actor: Actor): EventSource {
  return actor.kind === 'user' ? 'user' : actor.kind === 'api' ? 'api' : 'system';
}

/** A contact's thread before anything happened on it: closed, with no messages. */
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

/** The list preview of a message: its text on one line, or a fallback such as `[template]`. */
export function preview(text: string | null | undefined, fallback: string): string {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  return (value || fallback).slice(0, 140);
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
