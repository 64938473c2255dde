import { createHash } from 'node:crypto';
import type { NotificationKind, NotificationSnapshot } from '@omnibox/contracts';
import type { ThreadFacts } from './recipients';

/**
 * One notification of one user (NTF-1), as the centre keeps it. A coalesced `team_message` counts the
 * thread's incoming messages from `base` (exclusive) to `lastCount`; every other kind stands for one
 * event (base 0, lastCount 1). While its run is open (`run` = the thread's contact id), its latest
 * message, count and time are the run's (see coalescing.ts).
 */
export interface Notification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  contactId: string | null;
  callId: string | null;
  actorId: string | null;
  title: string;
  body: string;
  base: number;
  lastCount: number;
  read: boolean;
  createdAt: string;
  updatedAt: string;
  /** The latest known access of the thread it is about, so the centre never shows one the user can no longer see (VIS-4). */
  thread: ThreadFacts;
  /** When that access was true (the thread's `updatedAt`): an older one never replaces it. */
  threadAt: string;
  run: string | null;
}

/** The latest message of an open team_message run, which its attached notifications show. */
export interface RunHead {
  lastCount: number;
  body: string;
  updatedAt: string;
}

/**
 * An id derived from what the notification is about (the event and the user), so an event handled
 * twice notifies once (NTF-3): the second insert finds the first.
 */
export function notificationId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

/** The notification as its user sees it, with its open run's latest message when it has one. */
export function snapshotOf(notification: Notification, run: RunHead | null = null): NotificationSnapshot {
  const head = run && notification.run && run.lastCount >= notification.lastCount ? run : null;
  return {
    id: notification.id,
    kind: notification.kind,
    contactId: notification.contactId,
    callId: notification.callId,
    actorId: notification.actorId,
    title: notification.title,
    body: head?.body ?? notification.body,
    count: Math.max(1, (head?.lastCount ?? notification.lastCount) - notification.base),
    read: notification.read,
    createdAt: notification.createdAt,
    updatedAt: head?.updatedAt ?? notification.updatedAt,
  };
}

/** What a notification's words are made of. */
export interface ContentFacts {
  contactName: string;
  actorName: string | null;
  teamName: string | null;
  /** The message or comment it is about. */
  text: string | null;
  channelType?: string | null;
}

const BODY_LENGTH = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_LENGTH ? `${flat.slice(0, BODY_LENGTH - 1)}…` : flat;
}

/** The title and body a user reads in the centre and on the push (NTF-1, NTF-2). */
export function contentOf(kind: NotificationKind, facts: ContentFacts): { title: string; body: string } {
  const by = facts.actorName ? ` by ${facts.actorName}` : '';
  const team = facts.teamName ?? 'your team';
  switch (kind) {
    case 'assigned':
      return { title: 'Assigned to you', body: clip(`${facts.contactName}${by}`) };
    case 'team_assigned':
      return { title: `New in ${team}`, body: clip(`${facts.contactName} is waiting in ${team}'s inbox${by}`) };
    case 'team_message':
      return { title: `${facts.contactName} · ${team}`, body: clip(facts.text ?? 'New message') };
    case 'mentioned':
      return { title: `${facts.actorName ?? 'Someone'} mentioned you`, body: clip(`${facts.contactName}: ${facts.text ?? ''}`) };
    case 'snooze_woke':
      return { title: `⏰ ${facts.contactName}`, body: 'Back from snooze: your reminder' };
    case 'missed_call':
      return { title: 'Missed call', body: clip(`${facts.contactName}${facts.channelType ? ` (${facts.channelType})` : ''}: nobody answered`) };
    case 'collaborator_added':
      return { title: 'You are now a collaborator', body: clip(`${facts.contactName}${by}`) };
    case 'new_message':
      return { title: facts.contactName, body: clip(facts.text ?? 'New message') };
  }
}

/** A contact's name as titles show it. */
export function contactNameOf(contact: { firstName: string; lastName: string | null } | null): string {
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ').trim();
  return name || 'A contact';
}
