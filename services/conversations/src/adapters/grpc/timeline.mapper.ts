import type { CommentMessage, CommentSnapshot, TimelineEventMessage, TimelineEventSnapshot, TimelineItem, TimelineItemMessage, TimelinePageMessage } from '@omnibox/contracts';
import type { TimelinePage } from '../../application/list-timeline';
import { toStruct } from '@omnibox/rpc';
import { optional } from './conversation.mapper';
import { messageMessage } from './message.mapper';

/** API.md `comment` (SRC-1) as the proto `Comment`. */
export function commentMessage(comment: CommentSnapshot): CommentMessage {
  return { id: comment.id, contactId: comment.contactId, text: comment.text, authorId: comment.authorId, mentionIds: comment.mentionIds, createdAt: comment.createdAt };
}

/** API.md `event` (CNV-9) as the proto `TimelineEvent`: free-form data as a Struct. */
export function timelineEventMessage(event: TimelineEventSnapshot): TimelineEventMessage {
  return {
    id: event.id,
    contactId: event.contactId,
    category: event.category,
    type: event.type,
    source: event.source,
    actorId: optional(event.actorId),
    data: event.data ? toStruct(event.data) : null,
    referral: event.referral && { code: event.referral.code, url: optional(event.referral.url) },
    createdAt: event.createdAt,
  };
}

/** One timeline entry, whichever kind it is. */
export function timelineItemMessage(item: TimelineItem): TimelineItemMessage {
  if (item.kind === 'message') return { message: messageMessage(item) };
  if (item.kind === 'comment') return { comment: commentMessage(item) };
  return { event: timelineEventMessage(item) };
}

/** A timeline page (CNV-9), newest first, with the cursor of the next one. */
export function timelinePageMessage(page: TimelinePage): TimelinePageMessage {
  return { items: page.items.map(timelineItemMessage), nextCursor: page.nextCursor ?? undefined };
}
