import { defineEvent } from './envelope';
import type { ThreadAccess } from '../identity/visibility';
import type { InboundCallEvent } from './call-events';
import type { ChannelSnapshot } from './channel-events';

/**
 * Events of the conversations service, and the provider events the gateway's signed ingress accepts.
 * Payloads carry what read models need (inbox rows, search documents, notifications, realtime pushes),
 * so no consumer has to call back. Channels' own events are in channel-events.ts.
 */

// ---- provider events accepted by the gateway's signed ingress --------------------------------------

export interface InboundContact {
  externalId: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

/** `location`, `contacts` and `reaction` come from provider formats (WhatsApp, Telegram); their details are in `payload`. */
export const INBOUND_MESSAGE_TYPES = ['text', 'attachment', 'template', 'quick_reply', 'story_reply', 'email', 'location', 'contacts', 'reaction', 'unsupported'] as const;
export type InboundMessageType = (typeof INBOUND_MESSAGE_TYPES)[number];

export interface EmailDetails {
  subject?: string;
  html?: string;
  cc?: string[];
  bcc?: string[];
  messageId?: string;
  inReplyTo?: string;
  /** The Message-IDs of the conversation so far, oldest first (MSG-8 threading; the `References` header). */
  references?: string[];
  /** Our id of the e-mail conversation (MSG-8): replies keep it, a changed subject starts a new one. */
  threadKey?: string;
}

/**
 * The file a provider's message carries (CHN-3): at the provider's URL, which expires, or named by the
 * provider's own id (a WhatsApp media id, a Telegram file id), fetched with the channel's credentials.
 */
export interface InboundAttachment {
  kind: string;
  url?: string;
  providerFileId?: string;
  /** As the sender named it (MSG-10). */
  fileName: string;
  /** As the provider declared it, when it did. */
  contentType?: string;
}

export interface Referral {
  code: string;
  url?: string;
}

export interface InboundMessageEvent {
  type: 'message';
  id: string;
  timestamp: string;
  contact: InboundContact;
  message: {
    type: InboundMessageType;
    text?: string;
    attachment?: InboundAttachment;
    email?: EmailDetails;
    replyToId?: string;
    payload?: unknown;
  };
  referral?: Referral;
}

export interface InboundStatusEvent {
  type: 'status';
  messageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error?: string;
  timestamp: string;
}

/** OPENERS: how a contact can open a conversation without writing (CNV-9 "open" sources). */
export const CONTACT_OPENERS = ['welcome', 'get_started', 'click_to_chat'] as const;

/**
 * Something the contact did on the channel that is not a message (an extension of API.md's events):
 * a web-chat page change, a welcome / get-started / click-to-chat opening, a channel notice.
 */
export interface InboundChannelEvent {
  type: 'event';
  id: string;
  timestamp: string;
  contact: InboundContact;
  event: { category: 'open' | 'page' | 'channel'; type: string; data?: Record<string, unknown> };
  referral?: Referral;
}

/** Call events (`type: "call"`) are the calls service's; the conversations service ignores them. */
export type ProviderEvent = InboundMessageEvent | InboundStatusEvent | InboundChannelEvent | InboundCallEvent;

/**
 * A signed provider event the gateway accepted (202). Its envelope id is derived from the channel and
 * the provider's ids, so a provider retry is dropped by JetStream and by the consumer.
 */
export const ProviderEventReceived = defineEvent<{ channel: ChannelSnapshot; event: ProviderEvent; receivedAt: string }>('channels.provider_event.received');

// ---- conversations ------------------------------------------------------------------------------

export type ThreadStatus = 'open' | 'closed' | 'snoozed';
export type Direction = 'incoming' | 'outgoing';
export type SenderCategory = 'contact' | 'user' | 'workflow' | 'bot' | 'integration' | 'provider' | 'api' | 'broadcast';
export type MessageStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
/** Who or what caused a timeline event (CNV-6, CNV-9). */
export type EventSource = 'user' | 'workflow' | 'bot' | 'contact' | 'contact_merge' | 'api' | 'system' | 'welcome' | 'get_started' | 'click_to_chat';

export interface Sender {
  category: SenderCategory;
  userId?: string;
  name?: string;
}

export interface LinkPreview {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
}

/**
 * The file a message carries, kept in our object storage (MSG-10, CHN-3). Its bytes are read through
 * the conversations service's Attachments contract (who may read them is VIS-4), never from here.
 */
export interface MessageAttachment {
  id: string;
  /** As the sender named it. */
  fileName: string;
  /** Unique name under which it is stored. */
  storedName: string;
  /** Sniffed from the bytes. */
  contentType: string;
  size: number;
  /** `unavailable`: an incoming file that could not be copied from the provider; `reason` says why. */
  status: 'stored' | 'unavailable';
  reason: string | null;
}

export interface MessageSnapshot {
  kind: 'message';
  id: string;
  contactId: string;
  direction: Direction;
  channelId: string | null;
  type: string;
  text: string | null;
  status: MessageStatus;
  error: string | null;
  sender: Sender;
  replyToId: string | null;
  linkPreview: LinkPreview | null;
  attachment: MessageAttachment | null;
  template: { name: string; language: string; parameters: string[] } | null;
  email: EmailDetails | null;
  payload: unknown;
  broadcastId: string | null;
  /** True when the contact was blocked: kept for audit only (CNV-8), in no inbox or timeline. */
  suppressed: boolean;
  createdAt: string;
}

export interface CommentSnapshot {
  kind: 'comment';
  id: string;
  contactId: string;
  text: string;
  authorId: string;
  mentionIds: string[];
  createdAt: string;
}

export interface TimelineEventSnapshot {
  kind: 'event';
  id: string;
  contactId: string;
  category: string;
  type: string;
  source: EventSource;
  actorId: string | null;
  data: Record<string, unknown> | null;
  referral: Referral | null;
  createdAt: string;
}

export type TimelineItem = MessageSnapshot | CommentSnapshot | TimelineEventSnapshot;

/** A thread as read models need it (inbox rows, search visibility, realtime audiences). */
export interface ThreadSnapshot extends ThreadAccess {
  contactId: string;
  contact: { id: string; firstName: string; lastName: string | null; blocked: boolean };
  status: ThreadStatus;
  previousStatus: ThreadStatus | null;
  snoozedUntil: string | null;
  lastMessage: { id: string; direction: Direction; at: string; preview: string } | null;
  /** Time of the latest non-broadcast message (FLT-3), and whether it was incoming (FLT-2). */
  lastMessageAt: string | null;
  unreplied: boolean;
  lastIncomingAt: string | null;
  /** When the thread entered its current status; after a snooze, shifted so the time before it counts (FLT-4). */
  statusSince: string;
  snoozedAt: string | null;
  /** Channel of the contact's latest incoming message: where a reply goes by default (MSG-11). */
  lastIncomingChannelId: string | null;
  /** Incoming messages so far; a user's unread count is this minus what they had when they last read (INB-7). */
  incomingCount: number;
  /** userId → incomingCount when they last read the thread, so read models show each user's unread count (INB-7). */
  reads?: Record<string, number>;
  /** Open→closed spans so far. */
  episode?: number;
  deleted: boolean;
  updatedAt: string;
}

export const ThreadUpdated = defineEvent<{ thread: ThreadSnapshot; changed: string[] }>('conversations.thread.updated');
/** Whether a `conversations.thread.updated` announces the thread's creation: then every field is in `changed`, `contactId` too, which never changes afterwards. */
export const announcesCreation = (changed: readonly string[]): boolean => changed.includes('contactId');
/** Who may see the thread changed (assignee, team, collaborators, mentions): for read models that only follow visibility. */
export const ThreadAccessChanged = defineEvent<{ contactId: string; access: ThreadAccess; at: string }>('conversations.thread.access_changed');
export const THREAD_ACCESS_FIELDS = ['assigneeId', 'teamId', 'collaboratorIds', 'mentionedUntil'] as const;
export const MessageCreated = defineEvent<{ message: MessageSnapshot; thread: ThreadSnapshot }>('conversations.message.created');
/**
 * An outgoing message waits for delivery (MSG-2). Announced with its `conversations.message.created`,
 * on a subject of its own so the delivery worker never reads the far more frequent incoming messages.
 */
export const MessageSendRequested = defineEvent<{ messageId: string; contactId: string }>('conversations.message.send_requested');
export const MessageUpdated = defineEvent<{ message: MessageSnapshot; thread: ThreadSnapshot }>('conversations.message.updated');
export const CommentCreated = defineEvent<{ comment: CommentSnapshot; thread: ThreadSnapshot }>('conversations.comment.created');
export const TimelineEventRecorded = defineEvent<{ event: TimelineEventSnapshot; thread: ThreadSnapshot }>('conversations.timeline_event.recorded');
/** The thread woke from a snooze (CNV-7); the assignee is reminded. */
export const ThreadWoke = defineEvent<{ thread: ThreadSnapshot; snoozedUntil: string; early: boolean }>('conversations.thread.woke');
/**
 * A broadcast was accepted (202); the conversations service sends one message per contact, on the
 * channel its channels read model picks for each (MSG-11).
 */
export const BroadcastRequested = defineEvent<{
  broadcastId: string;
  contactIds: string[];
  message: { type: 'text' | 'template'; text?: string; template?: { name: string; language: string; parameters: string[] } };
  senderName?: string;
}>('conversations.broadcast.requested');
