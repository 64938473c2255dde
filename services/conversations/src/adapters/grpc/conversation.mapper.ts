import type { CallerScope, ConversationMessage } from '@omnibox/contracts';
import type { ConversationView } from '../../application/caller-threads';
import { unreadCount } from '../../domain/unread';

/** A nullable value as an `optional` proto field (absent when null). */
export const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** API.md `conversation` as the caller sees it (their unread count, INB-7), as the proto `Conversation`. */
export function conversationMessage(view: ConversationView, caller: CallerScope): ConversationMessage {
  const { thread } = view;
  return {
    contactId: thread.contactId,
    contact: { id: thread.contact.id, firstName: thread.contact.firstName, lastName: optional(thread.contact.lastName), blocked: thread.contact.blocked },
    status: thread.status,
    previousStatus: optional(thread.previousStatus),
    snoozedUntil: optional(thread.snoozedUntil),
    assigneeId: optional(thread.assigneeId),
    teamId: optional(thread.teamId),
    collaboratorIds: thread.collaboratorIds,
    unreadCount: unreadCount(thread, caller.principalId),
    lastMessage: thread.lastMessage,
    lastMessageAt: optional(thread.lastMessageAt),
    lastIncomingAt: optional(thread.lastIncomingAt),
    statusSince: thread.statusSince,
    episode: thread.episode,
    typingUserIds: view.typingUserIds,
  };
}
