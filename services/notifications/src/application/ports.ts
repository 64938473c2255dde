import type { NotificationFrame, NotificationSnapshot } from '@omnibox/contracts';
import type { TeamMessageRun } from '../domain/coalescing';
import type { WorkspaceDirectory } from '@omnibox/directory';
import type { Notification, RunHead } from '../domain/notification';
import type { Urgency } from '../domain/push';
import type { ThreadFacts } from '../domain/recipients';
import type { NotificationSettings } from '../domain/settings';

/**
 * The ports of the notifications use cases: what they need from storage, messaging and the outside,
 * in the domain's words. Adapters under ../adapters implement them (MongoDB for the centre, Redis for
 * what is shared and short-lived, JetStream for announcements, HTTP for push services).
 */

/** NTF-1: every user's notifications. */
export interface NotificationStore {
  /** Stores new notifications; one already there (an event handled again) stays as it is. */
  insert(notifications: Notification[]): Promise<void>;
  find(userId: string, id: string): Promise<Notification | null>;
  /** A user's notifications (only unread ones when asked), in no particular order. */
  ofUser(userId: string, unreadOnly: boolean): Promise<Notification[]>;
  /** The threads of a user's unread notifications, one per notification (the unread count filters them by VIS-4). */
  unreadThreads(workspaceId: string, userId: string): Promise<ThreadFacts[]>;
  /** A user's unread notifications about one thread. */
  unreadOnThread(userId: string, contactId: string): Promise<Notification[]>;
  setRead(workspaceId: string, userId: string, id: string, read: boolean): Promise<void>;
  /** Every notification of the user read; answers how many were unread. */
  markAllRead(workspaceId: string, userId: string): Promise<number>;
  /** Notifications of a thread's run stop growing: they keep `head` (and are read, when asked). */
  freeze(workspaceId: string, contactId: string, ids: string[], head: RunHead, read: boolean): Promise<void>;
  /** The latest known access of a thread, on all its notifications (an older one changes nothing). */
  followThread(workspaceId: string, contactId: string, thread: ThreadFacts, at: string): Promise<void>;
  /** Forgets notifications last changed before `at`. */
  pruneBefore(at: string): Promise<number>;
}
export const NOTIFICATION_STORE = Symbol('NotificationStore');

/** NTF-1: the open team_message run of each thread (coalescing.ts). */
export interface TeamMessageRuns {
  find(contactId: string): Promise<TeamMessageRun | null>;
  save(run: TeamMessageRun): Promise<void>;
  remove(contactId: string): Promise<void>;
  /** The heads of these threads' open runs (what their attached notifications show). */
  heads(contactIds: string[]): Promise<Map<string, RunHead>>;
  /** Runs `task` while no other change of this thread's run runs, on any replica. */
  exclusive<T>(contactId: string, task: () => Promise<T>): Promise<T>;
}
export const TEAM_MESSAGE_RUNS = Symbol('TeamMessageRuns');

/** NTF-2: each user's settings (defaults for those who changed nothing). */
export interface SettingsStore {
  of(workspaceId: string, userId: string): Promise<NotificationSettings>;
  /** Every user's settings of a workspace (read for each event: kept warm). */
  ofWorkspace(workspaceId: string): Promise<(userId: string) => NotificationSettings>;
  save(workspaceId: string, userId: string, settings: NotificationSettings): Promise<void>;
}
export const SETTINGS_STORE = Symbol('SettingsStore');

/** A browser's Web Push subscription. */
export interface PushSubscription {
  id: string;
  workspaceId: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  userAgent: string | null;
  createdAt: string;
}

/** NTF-2: the users' push subscriptions. */
export interface PushSubscriptions {
  /** Adds a subscription, or answers the one that has this endpoint already (`created` false). */
  subscribe(subscription: PushSubscription): Promise<{ subscription: PushSubscription; created: boolean }>;
  ofUser(workspaceId: string, userId: string): Promise<PushSubscription[]>;
  /** Every user's subscriptions of a workspace (read for each event: kept warm). */
  ofWorkspace(workspaceId: string): Promise<(userId: string) => PushSubscription[]>;
  find(workspaceId: string, id: string): Promise<PushSubscription | null>;
  remove(workspaceId: string, id: string): Promise<void>;
}
export const PUSH_SUBSCRIPTIONS = Symbol('PushSubscriptions');

/** The workspace directory, as kept from the `directory.*` events (libs/directory). */
export interface Directory {
  of(workspaceId: string): Promise<WorkspaceDirectory>;
}
export const DIRECTORY = Symbol('Directory');

/** NTF-2: whether a user has the realtime socket open and active (published by the gateway). */
export interface Presence {
  isOnline(workspaceId: string, userId: string): Promise<boolean>;
}
export const PRESENCE = Symbol('Presence');

/** A push to send to one subscription. */
export interface PushRequest {
  /** Derived from the work and the subscription: the push event's id too. */
  id: string;
  subscriptionId: string;
  userId: string;
  notification: NotificationSnapshot;
  topic: string;
  ttlSeconds: number;
  urgency: Urgency;
  requestedAt: string;
}

/** Announces what changed in the centre (realtime frames) and the pushes to send. */
export interface Announcer {
  /** `key` identifies the work, so announcing it again (a redelivery) is announcing it once. */
  announce(workspaceId: string, key: string, frames: NotificationFrame[], pushes: PushRequest[]): Promise<void>;
}
export const ANNOUNCER = Symbol('Announcer');

/**
 * NTF-2: the latest push requested per subscription and thread (Topic). Only the latest is sent: an
 * older one still queued or retried is dropped (the newer replaces it anyway), and one sent or given up
 * is not sent again when its request is delivered twice.
 */
export interface PushLedger {
  /** Records a request unless a newer one of the same topic is recorded; answers whether it was. */
  request(subscriptionId: string, topic: string, requestId: string, at: string): Promise<boolean>;
  /** True while this request is the latest of its topic and not yet sent or given up. */
  isDue(subscriptionId: string, topic: string, requestId: string): Promise<boolean>;
  done(subscriptionId: string, topic: string, requestId: string): Promise<void>;
}
export const PUSH_LEDGER = Symbol('PushLedger');

/** Sends one push; answers the push service's status, or null when it did not answer in time. */
export interface PushSender {
  send(subscription: PushSubscription, payload: string, options: { ttlSeconds: number; urgency: Urgency; topic: string }): Promise<{ status: number; retryAfter: string | null } | null>;
}
export const PUSH_SENDER = Symbol('PushSender');

/** The application server's VAPID identity (NTF-2): browsers subscribe with its public key. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}
export const VAPID_KEYS = Symbol('VapidKeys');
