import type { RunHead } from './notification';

/**
 * NTF-1 / CNV-4 `team_message` coalescing. While a thread sits in a team's inbox with nobody owning it,
 * its incoming messages form a run: each member has one unread notification that grows with it (count
 * and latest message) until someone owns the thread. The run keeps the shared part (its head) once, so
 * a message costs one write however large the team; each member's notification keeps where it started
 * (`base`). Counting follows the thread's incoming count, so a message handled twice, or late, is
 * counted once (NTF-3).
 */
export interface TeamMessageRun {
  contactId: string;
  workspaceId: string;
  teamId: string;
  head: RunHead;
  /** Members whose unread notification grows with the run: its id, base and when it was created. */
  attached: Record<string, RunMember>;
  /** The last message counted, and whose notifications it created (to announce it again after a crash). */
  lastEventId: string;
  lastCreated: string[];
}

export interface RunMember {
  id: string;
  base: number;
  since: string;
}

export interface TeamMessage {
  eventId: string;
  contactId: string;
  workspaceId: string;
  teamId: string;
  /** The thread's incoming messages, this one included. */
  incomingCount: number;
  preview: string;
  at: string;
}

export interface Coalesced {
  /** The run after the message (null: there is none, nobody to notify). */
  run: TeamMessageRun | null;
  /** Whether the run changed and must be saved. */
  changed: boolean;
  /** Whether the message is the thread's latest one counted (false for one older than the run, come late). */
  latest: boolean;
  /** New notifications (members with none growing): count 1. */
  created: Array<{ userId: string } & RunMember>;
  /** Notifications that grew. */
  grown: Array<{ userId: string } & RunMember>;
  /** Notifications that stop growing (their user is no longer notified of this thread): they keep `frozenAs`. */
  detached: Array<{ userId: string; id: string }>;
  frozenAs: RunHead | null;
}

/** Adds an incoming message to a thread's run for the members notified of it (`recipients`). */
export function coalesce(current: TeamMessageRun | null, message: TeamMessage, recipients: string[], idFor: (userId: string) => string): Coalesced {
  // A run of another team ended when the thread moved (endsRun); what is left of it stops growing.
  const moved = current && current.teamId !== message.teamId ? current : null;
  const run = moved ? null : current;
  if (run && message.incomingCount <= run.head.lastCount) {
    // Counted already. The same message again (a redelivery) announces what it did; an older one nothing.
    if (message.eventId !== run.lastEventId) return { run, changed: false, latest: false, created: [], grown: [], detached: [], frozenAs: null };
    const created = run.lastCreated.filter((userId) => run.attached[userId]).map((userId) => ({ userId, ...run.attached[userId] }));
    const grown = Object.entries(run.attached).filter(([userId]) => !run.lastCreated.includes(userId)).map(([userId, entry]) => ({ userId, ...entry }));
    return { run, changed: false, latest: true, created, grown, detached: [], frozenAs: null };
  }
  const attached = run?.attached ?? {};
  const created = recipients.filter((userId) => !attached[userId]).map((userId) => ({ userId, id: idFor(userId), base: message.incomingCount - 1, since: message.at }));
  const grown = recipients.filter((userId) => attached[userId]).map((userId) => ({ userId, ...attached[userId] }));
  const leaving = moved?.attached ?? attached;
  const detached = Object.entries(leaving).filter(([userId]) => moved || !recipients.includes(userId)).map(([userId, entry]) => ({ userId, id: entry.id }));
  const frozenAs = detached.length ? (moved ?? run)!.head : null;
  if (!run && created.length === 0) return { run: null, changed: false, latest: true, created: [], grown: [], detached, frozenAs };
  const next: TeamMessageRun = {
    contactId: message.contactId,
    workspaceId: message.workspaceId,
    teamId: message.teamId,
    head: headOf(message),
    attached: Object.fromEntries([...grown, ...created].map(({ userId, ...member }) => [userId, member])),
    lastEventId: message.eventId,
    lastCreated: created.map(({ userId }) => userId),
  };
  return { run: next, changed: true, latest: true, created, grown, detached, frozenAs };
}

/** The head a message gives its run. */
export function headOf(message: TeamMessage): RunHead {
  return { lastCount: message.incomingCount, body: message.preview, updatedAt: message.at };
}

/** CNV-4: a run ends when someone owns the thread, it leaves the team's inbox, its contact is blocked or it is gone. */
export function endsRun(run: Pick<TeamMessageRun, 'teamId'>, thread: { assigneeId: string | null; teamId: string | null; blocked: boolean; deleted: boolean }): boolean {
  return thread.assigneeId !== null || thread.teamId !== run.teamId || thread.blocked || thread.deleted;
}

/** A member read their notification: it stops growing; the next message starts a new one for them. */
export function detach(run: TeamMessageRun, userId: string): TeamMessageRun {
  const { [userId]: _gone, ...attached } = run.attached;
  return { ...run, attached, lastCreated: run.lastCreated.filter((id) => id !== userId) };
}
