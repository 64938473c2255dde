import type { TimelineItemAnswer, TimelinePageAnswer } from '@omnibox/contracts';
import { commentJson } from './comment.mapper';
import { messageJson } from './message.mapper';
import { timelineEventJson } from './timeline-event.mapper';

function itemJson(item: TimelineItemAnswer) {
  if (item.message) return messageJson(item.message);
  if (item.comment) return commentJson(item.comment);
  return timelineEventJson(item.event!);
}

/** API.md list of the timeline (CNV-9): messages, comments and events, newest first. */
export function timelinePageJson(page: TimelinePageAnswer) {
  return { items: page.items.map(itemJson), nextCursor: page.nextCursor ?? null };
}
