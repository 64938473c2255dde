import type { CommentSnapshot } from '@omnibox/contracts';
import type { Notice } from './recipients';

const MENTION = /\{\{@user\.([A-Za-z0-9_-]{1,64})\}\}/g;

/** SRC-2: an @mention in a comment is for the mentioned users (never its author, NTF-3). */
export function mentionNotice(comment: Pick<CommentSnapshot, 'mentionIds'>): Notice<'mentioned'> | null {
  return comment.mentionIds.length ? { kind: 'mentioned', userIds: comment.mentionIds } : null;
}

/** A comment as a notification quotes it: `{{@user.<id>}}` written as `@Name`. */
export function commentText(text: string, nameOf: (userId: string) => string | null): string {
  return text.replace(MENTION, (_token, userId: string) => `@${nameOf(userId) ?? 'someone'}`);
}
