import type { ThreadAccess, ThreadSnapshot } from '@omnibox/contracts';

export const FRAME_TYPES = [
  'conversation.updated',
  'message.created',
  'message.updated',
  'comment.created',
  'event.created',
  'inbox.updated',
  'typing',
  'notification.created',
  'notification.updated',
  'notification.read',
  'call.updated',
] as const;
export type FrameType = (typeof FRAME_TYPES)[number];

/**
 * `notifications`: the notification frames of one change of the centre, each for one user (API.md:
 * to their user only), carried together so a message on a large team's inbox is one entry of the
 * workspace's stream, not one per member.
 */
export type NotificationFrames = Record<string, Array<{ type: Extract<FrameType, `notification.${string}`>; data: unknown }>>;

/**
 * What one gateway replica hands to all of them (Redis pub/sub, and a capped Redis stream per
 * workspace for resuming): a frame with the thread it is about, so each replica decides per socket who
 * may receive it (VIS-4).
 */
export interface RealtimeMessage {
  /** Position in the workspace's stream (absent for typing, which is not replayed). */
  seq?: string;
  /** The domain event it comes from: a client may see a frame twice after a redelivery, never two different ones with one id. */
  id: string;
  workspaceId: string;
  type: FrameType | 'notifications';
  thread: ThreadSnapshot | null;
  /** Frames about a contact without a thread snapshot (`call.updated`): who may see the contact's thread. */
  audience?: ThreadAccess & { contact: { blocked: boolean } };
  /** The frame's data; null for `conversation.updated`, which is the conversation as each user sees it; `notifications`: NotificationFrames. */
  data: unknown;
  /** `typing`: not echoed to the user who types. */
  excludeUserId?: string;
  /** When the change happened (the event's time) and when a gateway published the frame. */
  occurredAt?: string;
  publishedAt?: string;
  /** `inbox.updated`: whose sidebar may have changed ('*': anyone's in the workspace). */
  users?: string[] | '*';
}

export const realtimeChannel = (workspaceId: string) => `gw:realtime:${workspaceId}`;
export const REALTIME_PATTERN = 'gw:realtime:*';
export const TYPING_PATTERN = 'conversations:realtime:*';
export const realtimeLog = (workspaceId: string) => `gw:realtime:log:${workspaceId}`;

/** Stream ids "ms-seq" in order. */
export function compareSeq(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
export const SEQ = /^\d{1,16}-\d{1,10}$/;

/** The frames of a `notifications` message for one user (API.md: to their user only; the notifications service decided who may see the thread). */
export function notificationFramesFor(message: RealtimeMessage, userId: string): Array<Record<string, unknown>> {
  const frames = (message.data as NotificationFrames)[userId] ?? [];
  return frames.map((frame) => ({ type: frame.type, data: frame.data, seq: message.seq, id: message.id, occurredAt: message.occurredAt, publishedAt: message.publishedAt }));
}

/** Both channels end with the workspace id, so a replica can skip a frame before decoding it. */
export function workspaceOfChannel(channel: string): string {
  return channel.slice(channel.lastIndexOf(':') + 1);
}

/**
 * A message as heard on Redis: the conversations service's typing signal, or a frame a gateway
 * published (`<seq>\n<json>`). Throws on a message that is not JSON.
 */
export function decodeChannelMessage(channel: string, raw: string, now = Date.now()): RealtimeMessage {
  if (channel.startsWith('conversations:realtime:')) {
    const typing = JSON.parse(raw) as { workspaceId: string; contactId: string; userId: string; typing: boolean; thread: ThreadSnapshot };
    return {
      id: `typing:${typing.contactId}:${typing.userId}:${now}`,
      workspaceId: typing.workspaceId,
      type: 'typing',
      thread: typing.thread,
      data: { contactId: typing.contactId, userId: typing.userId, typing: typing.typing },
      excludeUserId: typing.userId,
    };
  }
  const cut = raw.indexOf('\n');
  return { ...(JSON.parse(raw.slice(cut + 1)) as RealtimeMessage), seq: raw.slice(0, cut) };
}

/** Encoded frames of messages that every socket receives alike, so each is encoded once, not once per socket. */
const sharedFrames = new WeakMap<RealtimeMessage, Buffer>();

/** The frame of a message that is the same for every socket allowed to receive it (all but `conversation.updated`). */
export function sharedFrameOf(message: RealtimeMessage): Buffer {
  let frame = sharedFrames.get(message);
  if (!frame) {
    frame = Buffer.from(JSON.stringify({ type: message.type, data: message.data, seq: message.seq, id: message.id, occurredAt: message.occurredAt, publishedAt: message.publishedAt }));
    sharedFrames.set(message, frame);
  }
  return frame;
}
