import type { CommentAnswer } from '@omnibox/contracts';

/** API.md `comment` (SRC-1…3). */
export function commentJson(comment: CommentAnswer) {
  return { kind: 'comment' as const, id: comment.id, contactId: comment.contactId, text: comment.text, authorId: comment.authorId, mentionIds: comment.mentionIds, createdAt: comment.createdAt };
}
